import { ConfigError, DEFAULT_GRAPH_API_URL, loadConfig } from '../../bot/config';

describe('loadConfig', () => {
  it('gives working defaults with no variables (embedded store, Emulator mode, Spanish)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, defaultLocale: 'es', stateTtlDays: 30 });
    expect(config.cosmos).toMatchObject({ endpoint: undefined, database: 'probot', embeddedPort: 8081, dataDir: '.data' });
    expect(config.botFramework.appId).toBeUndefined();
    expect(config.whatsapp).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ COSMOS_ENDPOINT: 'not a url' }, 'COSMOS_ENDPOINT'],
    [{ COSMOS_KEY: 'abc=' }, 'COSMOS_KEY'],
    [{ COSMOS_ENDPOINT: 'https://x.documents.azure.com', COSMOS_KEY: 'not base64 !' }, 'COSMOS_KEY'],
    [{ STATE_TTL_DAYS: '0' }, 'STATE_TTL_DAYS'],
    [{ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE'],
    [{ MicrosoftAppId: 'id', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    [{ COSMOS_DATABASE: 'bad/name' }, 'COSMOS_DATABASE'],
    [{ HASH_SECRET: 'short' }, 'HASH_SECRET'],
  ])('%j stops start-up naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as ConfigError).variable).toBe(variable);
      expect((err as Error).message.startsWith(`${variable}:`)).toBe(true);
    }
  });

  it('enables WhatsApp only when all four secrets are set', () => {
    const four = { WHATSAPP_ACCESS_TOKEN: 't', WHATSAPP_PHONE_NUMBER_ID: '123', WHATSAPP_APP_SECRET: 's', WHATSAPP_VERIFY_TOKEN: 'v' };
    expect(loadConfig(four).whatsapp).toEqual({ accessToken: 't', phoneNumberId: '123', appSecret: 's', verifyToken: 'v', graphApiUrl: DEFAULT_GRAPH_API_URL });
    expect(loadConfig({ ...four, WHATSAPP_APP_SECRET: '' }).whatsapp).toBeUndefined();
  });

  it('uses the development hash key only when HASH_SECRET is not set, and says so', () => {
    expect(loadConfig({})).toMatchObject({ hashSecretIsDefault: true });
    expect(loadConfig({ HASH_SECRET: 'a-long-random-secret-value' })).toMatchObject({ hashSecret: 'a-long-random-secret-value', hashSecretIsDefault: false });
  });

  it('uses Entra ID when an endpoint has no key', () => {
    const config = loadConfig({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' });
    expect(config.cosmos).toMatchObject({ endpoint: 'https://acct.documents.azure.com:443', key: undefined });
  });
});

describe('loadConfig: the Bot Framework door', () => {
  const whatsapp = { WHATSAPP_ACCESS_TOKEN: 't', WHATSAPP_PHONE_NUMBER_ID: '123', WHATSAPP_APP_SECRET: 's', WHATSAPP_VERIFY_TOKEN: 'v' };

  it('is closed when WhatsApp is configured without MicrosoftAppId', () => {
    expect(loadConfig(whatsapp).botFramework).toMatchObject({ closed: true, allowEmulator: false });
  });

  it('stays open for the Emulator with ALLOW_EMULATOR=true, or without WhatsApp', () => {
    expect(loadConfig({ ...whatsapp, ALLOW_EMULATOR: 'true' }).botFramework).toMatchObject({ closed: false, allowEmulator: true });
    expect(loadConfig({}).botFramework.closed).toBe(false);
  });

  it('is not "closed" with an app id: JWTs are required instead', () => {
    expect(loadConfig({ ...whatsapp, MicrosoftAppId: 'app' }).botFramework.closed).toBe(false);
  });

  it('refuses an ALLOW_EMULATOR that is not true or false', () => {
    expect(() => loadConfig({ ALLOW_EMULATOR: 'yes please' })).toThrow(new ConfigError('ALLOW_EMULATOR', '"yes please" is not true or false'));
  });
});

describe('loadConfig: hand-off to Chatwoot', () => {
  const five = { CHATWOOT_BASE_URL: 'https://chatwoot.example.org/', CHATWOOT_API_TOKEN: 'tok', CHATWOOT_ACCOUNT_ID: '1', CHATWOOT_INBOX_ID: '3', CHATWOOT_WEBHOOK_SECRET: 'sec' };

  it('is offered only when the five CHATWOOT_* variables are set', () => {
    expect(loadConfig(five).handoff).toEqual({ baseUrl: 'https://chatwoot.example.org', apiToken: 'tok', accountId: 1, inboxId: 3, webhookSecret: 'sec', hours: 'Mon-Fri 08:00-17:00', whatsappTemplate: undefined });
    for (const name of Object.keys(five)) expect(loadConfig({ ...five, [name]: '' }).handoff).toBeUndefined();
    expect(loadConfig({}).handoff).toBeUndefined();
  });

  it('takes HANDOFF_HOURS and WHATSAPP_HANDOFF_TEMPLATE', () => {
    expect(loadConfig({ ...five, HANDOFF_HOURS: 'Mon-Sat 07:00-19:00', WHATSAPP_HANDOFF_TEMPLATE: 'advisor_reply' }).handoff).toMatchObject({ hours: 'Mon-Sat 07:00-19:00', whatsappTemplate: 'advisor_reply' });
  });

  it.each([
    [{ HANDOFF_HOURS: 'weekdays' }, 'HANDOFF_HOURS'],
    [{ CHATWOOT_ACCOUNT_ID: 'one' }, 'CHATWOOT_ACCOUNT_ID'],
    [{ CHATWOOT_INBOX_ID: '0' }, 'CHATWOOT_INBOX_ID'],
    [{ CHATWOOT_BASE_URL: 'chatwoot' }, 'CHATWOOT_BASE_URL'],
    [{ WHATSAPP_HANDOFF_TEMPLATE: 'Advisor Reply' }, 'WHATSAPP_HANDOFF_TEMPLATE'],
  ])('%j stops start-up naming %s', (env, variable) => {
    expect(() => loadConfig({ ...five, ...env })).toThrow(expect.objectContaining({ variable }));
  });
});
