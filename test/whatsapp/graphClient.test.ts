import { GraphApiError, GraphClient, GraphClientOptions, MessageLimitError } from '../../bot/channels/whatsapp/graphClient';
import { outboundText } from '../../bot/channels/whatsapp/outbound';
import { FakeGraphApi, metaError } from '../support/fakeGraphApi';
import { memoryLogger, MemoryLogger, PHONE_NUMBER_ID, WA_ID } from './helpers';

describe('GraphClient', () => {
  let fake: FakeGraphApi;
  let log: MemoryLogger;

  beforeAll(async () => {
    fake = await FakeGraphApi.start({ accessToken: 'token-1', phoneNumberId: PHONE_NUMBER_ID });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    log = memoryLogger();
  });
  afterEach(() => {
    expect(fake.violations()).toEqual([]);
  });

  function client(options: Partial<GraphClientOptions> = {}): GraphClient {
    return new GraphClient({
      graphApiUrl: fake.graphApiUrl,
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: 'token-1',
      logger: log.logger,
      baseDelayMs: 5,
      pairRateDelayMs: 5,
      timeoutMs: 1000,
      ...options,
    });
  }

  const hello = outboundText({ to: WA_ID }, 'Hola');

  it('posts to /{phone-number-id}/messages with the bearer token and returns the wamid', async () => {
    const id = await client().sendMessage(hello);
    expect(id).toBe('wamid.fake.1');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: `/v23.0/${PHONE_NUMBER_ID}/messages`, authorization: 'Bearer token-1', body: hello });
  });

  it('retries HTTP 429 and then succeeds', async () => {
    fake.answerNextSends({ status: 429, body: { error: { code: 130429, message: 'Rate limit hit' } } });
    expect(await client().sendMessage(hello)).toMatch(/^wamid\./);
    expect(fake.sends()).toHaveLength(2);
  });

  it.each([131056, 80007, 130429])('retries Meta rate-limit code %i', async (code) => {
    fake.answerNextSends(metaError(code));
    await client().sendMessage(hello);
    expect(fake.sends()).toHaveLength(2);
  });

  it('retries 5xx a bounded number of times, then fails with the status', async () => {
    fake.answerNextSends(...Array.from({ length: 4 }, () => ({ status: 503, body: { error: { code: 2, message: 'Service temporarily unavailable' } } })));
    const error = await client({ maxRetries: 3 })
      .sendMessage(hello)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphApiError);
    expect((error as GraphApiError).details).toMatchObject({ status: 503, code: 2, attempts: 4, retryable: true });
    expect(fake.sends()).toHaveLength(4);
  });

  it('does not retry 131047 (24-hour window) and logs the code, not the number', async () => {
    fake.answerNextSends(metaError(131047, 400, `(#131047) Re-engagement message to ${WA_ID}`));
    const error = await client()
      .sendMessage(hello)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphApiError);
    expect((error as GraphApiError).code).toBe(131047);
    expect((error as GraphApiError).message).not.toContain(WA_ID);
    expect(fake.sends()).toHaveLength(1);
    expect(log.lines).toContainEqual(expect.objectContaining({ code: 131047, msg: 'WhatsApp message not delivered' }));
    expect(log.text()).not.toContain(WA_ID);
  });

  it('does not retry 131026 (undeliverable)', async () => {
    fake.answerNextSends(metaError(131026));
    await expect(client().sendMessage(hello)).rejects.toMatchObject({ details: { code: 131026, attempts: 1 } });
    expect(fake.sends()).toHaveLength(1);
  });

  it('times out a call that gets no answer, and retries it', async () => {
    fake.answerNextSends({ hang: true });
    const started = Date.now();
    expect(await client({ timeoutMs: 200 }).sendMessage(hello)).toMatch(/^wamid\./);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(fake.sends()).toHaveLength(2);
  });

  it('fails with timedOut when every try times out', async () => {
    fake.answerNextSends({ hang: true }, { hang: true });
    await expect(client({ timeoutMs: 100, maxRetries: 1 }).sendMessage(hello)).rejects.toMatchObject({ details: { timedOut: true, attempts: 2 } });
  });

  it('honours Retry-After (capped)', async () => {
    // Meta asks for 10 s; the cap (300 ms) wins. The upper bound is far from both, so load cannot flake it.
    fake.answerNextSends({ status: 429, body: { error: { code: 4 } }, headers: { 'Retry-After': '10' } });
    const started = Date.now();
    await client({ maxDelayMs: 300 }).sendMessage(hello);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(5000);
  });

  it('sends one user’s messages in order, one after another, even from concurrent callers', async () => {
    // The first answer is slow: without the per-user chain the second batch would overtake it.
    fake.answerNextSends({ status: 200, body: { messages: [{ id: 'wamid.slow' }] }, delayMs: 150 });
    const graph = client();
    const a = graph.sendMessages(WA_ID, [outboundText({ to: WA_ID }, 'uno'), outboundText({ to: WA_ID }, 'dos')]);
    const b = graph.sendMessages(WA_ID, [outboundText({ to: WA_ID }, 'tres')]);
    expect(await a).toEqual(['wamid.slow', expect.stringMatching(/^wamid\.fake/)]);
    await b;
    expect(fake.sends().map((r) => (r.body?.text as { body: string }).body)).toEqual(['uno', 'dos', 'tres']);
  });

  it('stops a batch at the first failure', async () => {
    fake.answerNextSends(metaError(131047));
    await expect(client().sendMessages(WA_ID, [outboundText({ to: WA_ID }, 'uno'), outboundText({ to: WA_ID }, 'dos')])).rejects.toBeInstanceOf(GraphApiError);
    expect(fake.sends()).toHaveLength(1);
  });

  it('never sends a message that breaks a limit', async () => {
    await expect(client().sendMessage(outboundText({ to: WA_ID }, 'x'.repeat(5000)))).rejects.toBeInstanceOf(MessageLimitError);
    expect(fake.requests).toHaveLength(0);
  });

  it('marks a message read with the typing indicator, best effort', async () => {
    const graph = client();
    expect(await graph.markAsRead('wamid.IN', true)).toBe(true);
    expect(fake.reads()[0].body).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN', typing_indicator: { type: 'text' } });
    fake.answerNextReads({ status: 500, body: { error: { code: 1 } } });
    expect(await graph.markAsRead('wamid.IN2')).toBe(false);
    expect(fake.reads()).toHaveLength(2); // no retry for a read receipt
    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'WhatsApp read receipt failed (reply not affected)' }));
  });

  it('logs an expired access token as an operator error', async () => {
    fake.answerNextSends(metaError(190, 401));
    await expect(client().sendMessage(hello)).rejects.toMatchObject({ details: { code: 190 } });
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 50, code: 190 }));
  });
});
