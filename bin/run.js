#!/usr/bin/env node
// The `pro` admin CLI (oclif); commands are compiled to dist/cli/commands (npm run build).
// First the same `.env` as `npm start` reads, so a command run in the bot's folder reaches the bot's
// store (DATA_DIR, COSMOS_*); variables set in the shell still win. Here, not in the commands, so
// tests that run commands in process never pick up a developer's .env.
require('../dist/bot/localEnvFile').loadLocalEnvFile();
require('@oclif/core').execute({ dir: __dirname });
