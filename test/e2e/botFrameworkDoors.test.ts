/**
 * /api/messages over real HTTP (restify and the real CloudAdapter/JWT code): 400 for activities the
 * bot cannot use, 401 for every bad or missing token, never 5xx for a client's mistake. Tokens are
 * signed with a local RSA key published by a local OpenID metadata server, so a valid token is
 * accepted and forged ones fail on their merits, not on a missing network.
 */
import { createPrivateKey, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { createBotFrameworkAdapter } from '../../bot/channels/botFrameworkAdapter';
import type { BotFrameworkConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { createServer } from '../../bot/server';
import { MAX_INBOUND_TEXT } from '../../bot/text/inboundText';

const APP_ID = '00000000-1111-2222-3333-444444444444';
const ISSUER = 'https://api.botframework.com';
const KID = 'local-test-key';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

let metadata: http.Server;
let metadataUrl: string;
const servers: Server[] = [];
const turns: { type: string; textLength?: number }[] = [];

function jwt(payload: Record<string, unknown>, options: { alg?: string; kid?: string | null; key?: KeyObject } = {}): string {
  const header: Record<string, unknown> = { alg: options.alg ?? 'RS256', typ: 'JWT' };
  if (options.kid !== null) header.kid = options.kid ?? KID;
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${encode(header)}.${encode(payload)}`;
  const signature = sign('sha256', Buffer.from(signed), options.key ?? privateKey).toString('base64url');
  return `${signed}.${signature}`;
}

const now = (): number => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ iss: ISSUER, aud: APP_ID, exp: now() + 3600, nbf: now() - 60, serviceurl: 'https://connector.example/', ...overrides });

async function start(config: Partial<BotFrameworkConfig>): Promise<string> {
  const adapter = createBotFrameworkAdapter(
    { appType: 'MultiTenant', allowEmulator: false, closed: false, ...config },
    // The public cloud's settings, with the keys published locally (given one setting, the SDK wants them all).
    {
      ToBotFromChannelOpenIdMetadataUrl: `${metadataUrl}/openid`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${metadataUrl}/openid`,
      ToBotFromChannelTokenIssuer: ISSUER,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      ValidateAuthority: true,
      CallerId: 'urn:botframework:azure',
    },
  );
  const runTurn = async (context: TurnContext): Promise<void> => {
    turns.push({ type: context.activity.type, textLength: context.activity.text?.length });
  };
  const logger = createLogger('silent');
  const server = createServer({ botFrameworkAdapter: adapter, runTurn, storage: { kind: 'embedded', ping: async () => undefined }, version: 'test', logger });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
}

const activity = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'message',
  id: 'a1',
  channelId: 'emulator',
  serviceUrl: 'https://connector.example/',
  conversation: { id: 'c1' },
  from: { id: 'u1', name: 'Tester' },
  recipient: { id: 'bot' },
  text: 'hola',
  ...fields,
});

function post(url: string, body: unknown, authorization?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  return fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

beforeAll(async () => {
  const jwk = publicKey.export({ format: 'jwk' });
  metadata = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${metadataUrl}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    else res.end(JSON.stringify({ keys: [{ ...jwk, kid: KID, use: 'sig', alg: 'RS256' }] }));
  });
  await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
  metadataUrl = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const server of servers) server.close();
  await new Promise<void>((resolve) => metadata.close(() => resolve()));
});

describe('activities the bot cannot use get 400', () => {
  let url: string;
  beforeAll(async () => {
    url = await start({});
  });

  it.each([
    ['serviceUrl not a string', activity({ serviceUrl: 42 })],
    ['serviceUrl an object', activity({ serviceUrl: { toLowerCase: 1 } })],
    ['serviceUrl not a URL', activity({ serviceUrl: 'not a url' })],
    ['serviceUrl not http(s)', activity({ serviceUrl: 'file:///etc/passwd' })],
    ['no serviceUrl', activity({ serviceUrl: undefined })],
    ['an invoke', activity({ type: 'invoke', name: 'adaptiveCard/action' })],
    ['an unknown type', activity({ type: 'teleport' })],
    ['type not a string', activity({ type: ['message'] })],
    ['text not a string', activity({ text: { body: 'hola' } })],
    ['from.id a number', activity({ from: { id: 5 } })],
    ['conversation a string', activity({ conversation: 'c1' })],
    ['attachments not a list', activity({ attachments: 'x' })],
    ['membersAdded without ids', activity({ type: 'conversationUpdate', membersAdded: [{ name: 'x' }] })],
    ['channelData a string', activity({ channelData: 'x' })],
    ['locale a number', activity({ locale: 7 })],
    ['a JSON array', [activity()]],
    ['not JSON', '{"type": "message",'],
  ])('%s → 400', async (_name, body) => {
    const res = await post(url, body);
    expect(res.status).toBe(400);
  });

  it('a valid message still runs a turn (Emulator mode), cut to WhatsApp\'s maximum', async () => {
    const before = turns.length;
    expect((await post(url, activity({ text: 'x'.repeat(200_000) }))).status).toBe(200);
    expect(turns.slice(before)).toEqual([{ type: 'message', textLength: MAX_INBOUND_TEXT }]);
  });

  it('a typing activity is acknowledged without a turn', async () => {
    const before = turns.length;
    expect((await post(url, activity({ type: 'typing', text: undefined }))).status).toBe(200);
    expect(turns.length).toBe(before);
  });
});

describe('with MicrosoftAppId set, every bad or missing token gets 401', () => {
  let url: string;
  beforeAll(async () => {
    url = await start({ appId: APP_ID });
  });

  const forged: [string, string | undefined][] = [
    ['no header', undefined],
    ['empty header', ''],
    ['not Bearer', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['Bearer and nothing', 'Bearer '],
    ['garbage', 'Bearer !!!not-a-token!!!'],
    ['not base64', 'Bearer ###.$$$.%%%'],
    ['two parts', 'Bearer abc.def'],
    ['JSON that is not an object', `Bearer ${Buffer.from('42').toString('base64url')}.${Buffer.from('"x"').toString('base64url')}.c2ln`],
    ['alg none', `Bearer ${jwt(claims(), { alg: 'none' }).replace(/\.[^.]+$/, '.')}`],
    ['alg HS256', `Bearer ${jwt(claims(), { alg: 'HS256' })}`],
    ['no kid', `Bearer ${jwt(claims(), { kid: null })}`],
    ['unknown kid', `Bearer ${jwt(claims(), { kid: 'nobody' })}`],
    ['expired', `Bearer ${jwt(claims({ exp: now() - 3600, nbf: now() - 7200 }))}`],
    ['not yet valid', `Bearer ${jwt(claims({ nbf: now() + 3600 }))}`],
    ['wrong issuer', `Bearer ${jwt(claims({ iss: 'https://evil.example' }))}`],
    ['wrong audience', `Bearer ${jwt(claims({ aud: 'someone-else' }))}`],
    ['signed by another key', `Bearer ${jwt(claims(), { key: createPrivateKey(otherKey.export({ format: 'pem', type: 'pkcs8' })) })}`],
    ['signature tampered', `Bearer ${jwt(claims()).slice(0, -4)}AAAA`],
    ['payload swapped after signing', `Bearer ${(() => { const [h, , s] = jwt(claims()).split('.'); return `${h}.${Buffer.from(JSON.stringify(claims({ aud: APP_ID, admin: true }))).toString('base64url')}.${s}`; })()}`],
    ['huge token', `Bearer ${'a'.repeat(8000)}.${'b'.repeat(8000)}.${'c'.repeat(100)}`],
  ];

  it.each(forged)('%s → 401', async (_name, authorization) => {
    const before = turns.length;
    const res = await post(url, activity(), authorization);
    expect(res.status).toBe(401);
    expect(turns.length).toBe(before);
  });

  it('a token signed by the published key, for this bot, is accepted', async () => {
    const before = turns.length;
    const res = await post(url, activity({ channelId: 'webchat' }), `Bearer ${jwt(claims())}`);
    expect(res.status).toBe(200);
    expect(turns.length).toBe(before + 1);
  });
});

describe('closed door: WhatsApp configured, no MicrosoftAppId', () => {
  it('answers 401 to a valid Emulator activity, and runs no turn', async () => {
    const url = await start({ closed: true });
    const before = turns.length;
    expect((await post(url, activity())).status).toBe(401);
    expect(turns.length).toBe(before);
  });
});
