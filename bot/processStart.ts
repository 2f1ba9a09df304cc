/**
 * The first thing bot/index.ts imports, for its effect: when this process is the bot
 * (`node dist/bot/index.js`), it reads `.env` and starts telemetry before restify, http and
 * @azure/cosmos are loaded, because OpenTelemetry only instruments modules loaded after it.
 * When a test or a script imports the bot, it does nothing.
 */
import path from 'node:path';
import { loadConfig, type AppConfig } from './config';
import { loadLocalEnvFile } from './localEnvFile';
import { startTelemetry } from './telemetry/telemetry';

if (require.main?.filename === path.join(__dirname, 'index.js')) {
  loadLocalEnvFile();
  let config: AppConfig | undefined;
  try {
    config = loadConfig();
  } catch {
    config = undefined; // main() reports the bad variable and stops
  }
  if (config?.telemetry) startTelemetry(config.telemetry, { embeddedStorePort: config.cosmos.endpoint ? undefined : config.cosmos.embeddedPort });
}
