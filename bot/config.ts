/**
 * Typed configuration, read once from environment variables.
 * A wrong value stops start-up with one line naming the variable (ConfigError), so an
 * operator never chases a half-started bot.
 */

import { DEFAULT_HANDOFF_HOURS, handoffHoursProblem } from './handoff/handoffHours';
import { LOCALES, type Locale } from './content/locale';
import { DEVELOPMENT_HASH_SECRET } from './pseudonym';

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export interface BotFrameworkConfig {
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** ALLOW_EMULATOR=true: keep the unauthenticated Emulator mode even though WhatsApp is configured. */
  allowEmulator: boolean;
  /**
   * True when /api/messages answers 401 to everything: WhatsApp is configured (a public deployment),
   * no MicrosoftAppId is set, and ALLOW_EMULATOR is not true. An open door would let anyone make
   * the bot post to any serviceUrl.
   */
  closed: boolean;
}

export interface CosmosConfig {
  /** Absent → the embedded Cosmos-compatible store is started (local use, tests). */
  endpoint?: string;
  /** Absent with an endpoint → Entra ID (managed identity / az login) credential. */
  key?: string;
  database: string;
  embeddedPort: number;
  dataDir: string;
  /** How long a starting bot waits for a `pro` command that holds DATA_DIR (embedded store only). */
  ownerWaitMs?: number;
}

export interface WhatsAppConfig {
  accessToken: string;
  phoneNumberId: string;
  appSecret: string;
  verifyToken: string;
  graphApiUrl: string;
}

/** How long a person may wait on the store (bot/storage/deadline.ts, ProBot's turn deadline). */
export interface StoreTimeouts {
  /** STORE_READ_TIMEOUT_MS: each point read or query on the turn path. */
  readMs: number;
  /** STORE_WRITE_TIMEOUT_MS: each create, replace, upsert, patch or delete on the turn path. */
  writeMs: number;
  /** TURN_TIMEOUT_MS: a turn without replies by then is abandoned for the apology with the national line. */
  turnMs: number;
}

export interface AppConfig {
  port: number;
  storeTimeouts: StoreTimeouts;
  defaultLocale: Locale;
  logLevel: string;
  stateTtlDays: number;
  /** How long a person's document read or written by this process is reused without reading it again (STATE_CACHE_SECONDS; 0: never). */
  stateCacheSeconds: number;
  /** Seconds between reloads of the imported content overrides (CONTENT_REFRESH_SECONDS). */
  contentRefreshSeconds: number;
  /** Key for the pseudonyms of people's ids in logs and storage (HASH_SECRET). */
  hashSecret: string;
  /** True when HASH_SECRET was not set and the development key is in use. */
  hashSecretIsDefault: boolean;
  botFramework: BotFrameworkConfig;
  cosmos: CosmosConfig;
  /** Undefined unless all four WhatsApp secrets are set; the WhatsApp routes then answer 404. */
  whatsapp?: WhatsAppConfig;
  /** Undefined unless APPLICATIONINSIGHTS_CONNECTION_STRING is set: then traces and metrics go to Azure Monitor. */
  telemetry?: TelemetryConfig;
  /** Undefined unless the five CHATWOOT_* variables are set: hand-off to advisors is then not offered. */
  handoff?: HandoffConfig;
}

/** Hand-off to PRO advisors in Chatwoot (bot/handoff/). */
export interface HandoffConfig {
  /** CHATWOOT_BASE_URL, e.g. https://chatwoot.example.org (no trailing slash). */
  baseUrl: string;
  /** CHATWOOT_API_TOKEN: sent as the `api_access_token` header. */
  apiToken: string;
  accountId: number;
  /** An API-channel inbox of that account. */
  inboxId: number;
  /** CHATWOOT_WEBHOOK_SECRET: the inbox's webhook secret (Chatwoot generates it; copy it here). */
  webhookSecret: string;
  /** HANDOFF_HOURS, validated: e.g. "Mon-Fri 08:00-17:00" (America/Bogota). */
  hours: string;
  /** WHATSAPP_HANDOFF_TEMPLATE: an approved utility template that re-opens the 24-hour window. */
  whatsappTemplate?: string;
}

export interface TelemetryConfig {
  /** APPLICATIONINSIGHTS_CONNECTION_STRING, as the Application Insights resource shows it. */
  connectionString: string;
}

/** Meta's Graph API base with a version current at the time of writing (override with WHATSAPP_GRAPH_API_URL). */
export const DEFAULT_GRAPH_API_URL = 'https://graph.facebook.com/v23.0';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `"${raw}" is not a whole number`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `${value} is outside ${min}..${max}`);
  return value;
}

function url(env: Env, name: string, fallback?: string): string | undefined {
  const raw = text(env, name) ?? fallback;
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `"${raw}" is not a URL (expected e.g. https://my-account.documents.azure.com:443/)`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError(name, `"${raw}" must start with https:// or http://`);
  }
  return raw.replace(/\/+$/, '');
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!match) throw new ConfigError(name, `"${raw}" is not one of ${allowed.join(', ')}`);
  return match;
}

function flag(env: Env, name: string): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new ConfigError(name, `"${env[name]?.trim()}" is not true or false`);
}

function whatsapp(env: Env): WhatsAppConfig | undefined {
  const accessToken = text(env, 'WHATSAPP_ACCESS_TOKEN');
  const phoneNumberId = text(env, 'WHATSAPP_PHONE_NUMBER_ID');
  const appSecret = text(env, 'WHATSAPP_APP_SECRET');
  const verifyToken = text(env, 'WHATSAPP_VERIFY_TOKEN');
  const graphApiUrl = url(env, 'WHATSAPP_GRAPH_API_URL', DEFAULT_GRAPH_API_URL) as string;
  if (!accessToken || !phoneNumberId || !appSecret || !verifyToken) return undefined;
  if (!/^\d+$/.test(phoneNumberId)) {
    throw new ConfigError('WHATSAPP_PHONE_NUMBER_ID', 'must be the numeric phone number id from the WhatsApp Manager');
  }
  return { accessToken, phoneNumberId, appSecret, verifyToken, graphApiUrl };
}

function positiveId(env: Env, name: string): number | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw new ConfigError(name, `"${raw}" is not a Chatwoot id (a whole number, as in the dashboard's URL)`);
  return Number(raw);
}

function handoff(env: Env): HandoffConfig | undefined {
  const baseUrl = url(env, 'CHATWOOT_BASE_URL');
  const apiToken = text(env, 'CHATWOOT_API_TOKEN');
  const accountId = positiveId(env, 'CHATWOOT_ACCOUNT_ID');
  const inboxId = positiveId(env, 'CHATWOOT_INBOX_ID');
  const webhookSecret = text(env, 'CHATWOOT_WEBHOOK_SECRET');
  const hours = text(env, 'HANDOFF_HOURS') ?? DEFAULT_HANDOFF_HOURS;
  const problem = handoffHoursProblem(hours);
  if (problem) throw new ConfigError('HANDOFF_HOURS', problem);
  const template = text(env, 'WHATSAPP_HANDOFF_TEMPLATE');
  if (template !== undefined && !/^[a-z0-9_]{1,512}$/.test(template)) {
    throw new ConfigError('WHATSAPP_HANDOFF_TEMPLATE', `"${template}" is not a WhatsApp template name (lower-case letters, digits and "_")`);
  }
  if (!baseUrl || !apiToken || accountId === undefined || inboxId === undefined || !webhookSecret) return undefined;
  return { baseUrl, apiToken, accountId, inboxId, webhookSecret, hours, whatsappTemplate: template };
}

function telemetry(env: Env): TelemetryConfig | undefined {
  const connectionString = text(env, 'APPLICATIONINSIGHTS_CONNECTION_STRING');
  if (connectionString === undefined) return undefined;
  if (!/(^|;)\s*InstrumentationKey=[^;]+/i.test(connectionString)) {
    throw new ConfigError('APPLICATIONINSIGHTS_CONNECTION_STRING', 'has no InstrumentationKey=…; copy the whole connection string from the Application Insights overview');
  }
  return { connectionString };
}

/** Reads and validates the whole configuration; throws ConfigError on the first bad value. */
export function loadConfig(env: Env = process.env): AppConfig {
  const endpoint = url(env, 'COSMOS_ENDPOINT');
  const key = text(env, 'COSMOS_KEY');
  if (key && !endpoint) {
    throw new ConfigError('COSMOS_KEY', 'is set but COSMOS_ENDPOINT is not; set both, or neither for the embedded store');
  }
  if (key && !/^[A-Za-z0-9+/=]+$/.test(key)) {
    throw new ConfigError('COSMOS_KEY', 'is not a base64 account key (copy it from the Cosmos DB "Keys" blade)');
  }
  const database = text(env, 'COSMOS_DATABASE') ?? 'probot';
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(database)) {
    throw new ConfigError('COSMOS_DATABASE', `"${database}" may only contain letters, digits, "-" and "_"`);
  }
  const appId = text(env, 'MicrosoftAppId');
  const appType = oneOf(env, 'MicrosoftAppType', APP_TYPES, 'MultiTenant');
  const tenantId = text(env, 'MicrosoftAppTenantId');
  if (appId && appType === 'SingleTenant' && !tenantId) {
    throw new ConfigError('MicrosoftAppTenantId', 'is required when MicrosoftAppType is SingleTenant');
  }
  const hashSecret = text(env, 'HASH_SECRET');
  if (hashSecret !== undefined && hashSecret.length < 16) {
    throw new ConfigError('HASH_SECRET', 'must be at least 16 characters (use a long random string, e.g. from `openssl rand -hex 32`)');
  }
  const whatsappConfig = whatsapp(env);
  const allowEmulator = flag(env, 'ALLOW_EMULATOR');
  return {
    port: integer(env, 'PORT', 3978, 1, 65535),
    defaultLocale: oneOf(env, 'DEFAULT_LOCALE', LOCALES, 'es'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    stateTtlDays: integer(env, 'STATE_TTL_DAYS', 30, 1, 3650),
    stateCacheSeconds: integer(env, 'STATE_CACHE_SECONDS', 600, 0, 3600),
    contentRefreshSeconds: integer(env, 'CONTENT_REFRESH_SECONDS', 60, 1, 86400),
    storeTimeouts: {
      readMs: integer(env, 'STORE_READ_TIMEOUT_MS', 2000, 100, 60000),
      writeMs: integer(env, 'STORE_WRITE_TIMEOUT_MS', 3000, 100, 60000),
      turnMs: integer(env, 'TURN_TIMEOUT_MS', 4500, 500, 120000),
    },
    hashSecret: hashSecret ?? DEVELOPMENT_HASH_SECRET,
    hashSecretIsDefault: hashSecret === undefined,
    botFramework: { appId, appPassword: text(env, 'MicrosoftAppPassword'), appType, tenantId, allowEmulator, closed: !appId && !!whatsappConfig && !allowEmulator },
    cosmos: {
      endpoint,
      key,
      database,
      embeddedPort: integer(env, 'COSMOS_EMBEDDED_PORT', 8081, 1, 65535),
      dataDir: text(env, 'DATA_DIR') ?? '.data',
      ownerWaitMs: integer(env, 'EMBEDDED_OWNER_WAIT_SECONDS', 60, 0, 3600) * 1000,
    },
    whatsapp: whatsappConfig,
    telemetry: telemetry(env),
    handoff: handoff(env),
  };
}
