/**
 * Local runs: a `.env` file in the working folder fills in the environment at start (DESIGN.md).
 * Variables already set win over it (Node's loader never overwrites), so App Service settings and
 * `PORT=4000 npm start` keep priority.
 */
import { existsSync } from 'node:fs';

/** Loads `file` into process.env when it exists; true when it did. */
export function loadLocalEnvFile(file = '.env'): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}
