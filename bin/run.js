#!/usr/bin/env node
// The `pro` admin CLI (oclif); commands are compiled to dist/cli/commands (npm run build).
require('@oclif/core').execute({ dir: __dirname });
