import { createHmac } from 'node:crypto';
import { signChatwootPayload, verifyChatwootSignature } from '../../bot/handoff/webhookSignature';

const secret = 'inbox-webhook-secret';
const now = new Date('2026-12-02T15:00:00Z');
const ts = String(Math.floor(now.getTime() / 1000));
// Accents on purpose: the raw bytes are signed, not a re-serialization.
const body = Buffer.from('{"event":"message_created","content":"Hola, ¿cómo estás? Bogotá"}', 'utf8');

function headers(signature: string | undefined, timestamp: string | null = ts): Record<string, string | undefined> {
  return { 'x-chatwoot-signature': signature, 'x-chatwoot-timestamp': timestamp ?? undefined };
}

describe('Chatwoot webhook signature', () => {
  it('is sha256= + hex HMAC-SHA256(secret, "{timestamp}.{raw body}")', () => {
    const expected = createHmac('sha256', secret).update(`${ts}.${body.toString('utf8')}`).digest('hex');
    expect(signChatwootPayload(secret, ts, body)).toBe(`sha256=${expected}`);
  });

  it('accepts a fresh, correct signature', () => {
    expect(verifyChatwootSignature(body, headers(signChatwootPayload(secret, ts, body)), secret, now)).toBe('valid');
  });

  it('refuses missing headers, a wrong secret, a changed body, a moved timestamp and garbage', () => {
    const good = signChatwootPayload(secret, ts, body);
    expect(verifyChatwootSignature(body, headers(undefined), secret, now)).toBe('missing');
    expect(verifyChatwootSignature(body, headers(good, null), secret, now)).toBe('missing');
    expect(verifyChatwootSignature(body, headers(signChatwootPayload('other', ts, body)), secret, now)).toBe('invalid');
    expect(verifyChatwootSignature(Buffer.from(body.toString().replace('Hola', 'Chao')), headers(good), secret, now)).toBe('invalid');
    expect(verifyChatwootSignature(body, headers(good, String(Number(ts) + 1)), secret, now)).toBe('invalid');
    expect(verifyChatwootSignature(body, headers('sha256=abc'), secret, now)).toBe('invalid');
    // A signature over the body alone (without the timestamp) is not Chatwoot's scheme.
    expect(verifyChatwootSignature(body, headers(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`), secret, now)).toBe('invalid');
  });

  it('refuses a correctly signed request more than five minutes old (or ahead)', () => {
    const old = String(Number(ts) - 301);
    const ahead = String(Number(ts) + 301);
    expect(verifyChatwootSignature(body, headers(signChatwootPayload(secret, old, body), old), secret, now)).toBe('stale');
    expect(verifyChatwootSignature(body, headers(signChatwootPayload(secret, ahead, body), ahead), secret, now)).toBe('stale');
    const edge = String(Number(ts) - 299);
    expect(verifyChatwootSignature(body, headers(signChatwootPayload(secret, edge, body), edge), secret, now)).toBe('valid');
  });
});
