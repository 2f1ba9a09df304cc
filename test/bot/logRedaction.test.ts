import { createLogger, lazyChild } from '../../bot/logger';
import { MAX_LOGGED_STRING, redactPhoneNumbers, safeLogString } from '../../bot/logRedaction';

function capture(level = 'trace'): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

describe('redactPhoneNumbers', () => {
  it.each([
    ['Message undeliverable to 573219876543', 'Message undeliverable to [number]'],
    ['to +57 321 987 6543 failed', 'to [number] failed'],
    ['llame al 601-380-8400', 'llame al [number]'],
    ['(601) 380 8400', '[number]'],
    ['fijo 3808400.', 'fijo [number].'],
    ['wa_id=573219876543&x=1', 'wa_id=[number]&x=1'],
    ['user_573219876543', 'user_[number]'],
  ])('masks the number in %j', (text, expected) => {
    expect(redactPhoneNumbers(text)).toBe(expected);
  });

  it.each([
    '(#131047) Re-engagement message',
    '(#80007) Rate limit hit',
    'code 131026, subcode 2494',
    'status 503 after 3 attempts',
    'verified 2026-11-20T10:00:00Z',
    'user 3f9a01234567bcde',
    'line 155 and 141',
    'took 12345 ms',
  ])('keeps %j (error codes, dates, hex pseudonyms, short numbers)', (text) => {
    expect(redactPhoneNumbers(text)).toBe(text);
  });
});

describe('safeLogString', () => {
  it('bounds a long string and still masks a number at the cut', () => {
    const text = `${'a '.repeat(248)}x 573219876543 ${'b'.repeat(1_000_000)}`;
    const safe = safeLogString(text);
    expect(safe).not.toContain('5732198');
    expect(safe.length).toBeLessThan(MAX_LOGGED_STRING + 40);
    expect(safe).toMatch(/more characters\]$/);
  });
});

describe('createLogger', () => {
  it('no line at any level carries the number, wherever it was put', () => {
    const { logger, lines } = capture();
    const graphError = Object.assign(new Error('WhatsApp Graph API answered 400 (code 131026): Message undeliverable to 573219876543'), { code: 131026 });
    logger.trace('trace %s', '573219876543');
    logger.debug({ detail: { nested: ['to +57 321 987 6543'] } }, 'debug');
    logger.info({ err: graphError.message, code: 131026 }, 'send failed');
    logger.warn(graphError);
    logger.error({ err: graphError }, 'handling failed');
    logger.fatal({ errors: [{ title: 'Message undeliverable to 573219876543', code: 131026 }] }, 'webhook reported errors');
    logger.child({ conversation: '573219876543' }).info('child binding');
    expect(lines).toHaveLength(7);
    for (const line of lines) {
      expect(line).not.toMatch(/5732198|321 987/);
      expect(() => JSON.parse(line) as unknown).not.toThrow();
    }
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    // Meta's error code stays, as a number and inside text.
    expect(parsed[2]).toMatchObject({ code: 131026, err: 'WhatsApp Graph API answered 400 (code 131026): Message undeliverable to [number]' });
    expect(parsed[3]).toMatchObject({ msg: expect.stringContaining('(code 131026)'), err: { type: 'Error', code: 131026 } });
    expect(parsed[4]).toMatchObject({ msg: 'handling failed', err: { message: expect.stringContaining('[number]') } });
  });

  it('children of children keep their bindings, made safe', () => {
    const { logger, lines } = capture();
    logger.child({ user: 'abc' }).child({ conversation: '+57 321 987 6543' }).info('grandchild');
    expect(JSON.parse(lines[0])).toMatchObject({ user: 'abc', conversation: '[number]', msg: 'grandchild' });
  });

  it('bounds every logged string, fields and message alike', () => {
    const { logger, lines } = capture();
    const huge = 'x'.repeat(1_000_000);
    logger.info({ body: huge, list: [huge] }, huge);
    expect(lines[0].length).toBeLessThan(3 * (MAX_LOGGED_STRING + 40) + 200);
  });

  it('drops personal fields of a logged payload', () => {
    const { logger, lines } = capture();
    logger.info({ message: { from: '573219876543', text: { body: 'me llamo Ana' } }, contact: { profile: { name: 'Ana' } } }, 'payload');
    expect(lines[0]).not.toMatch(/Ana|5732198/);
  });
});

describe('lazyChild (a turn\'s logger)', () => {
  it('makes no pino child until a line is written, then writes with its bindings, masked like any child', () => {
    const { logger, lines } = capture('info');
    const child = jest.spyOn(logger, 'child');
    const bindings = jest.fn(() => ({ user: 'ab12cd34ef56ab78', channel: 'whatsapp', note: 'de 573219876543' }));
    const log = lazyChild(logger, bindings);
    log.debug('below the level'); // asking for a method makes the child: a written level or not
    expect(lines).toHaveLength(0);
    const silent = lazyChild(logger, bindings);
    expect(child).toHaveBeenCalledTimes(1);
    log.info({ attempt: 2 }, 'state changed by another turn');
    log.warn('turn abandoned');
    expect(bindings).toHaveBeenCalledTimes(1);
    expect(silent).toBeDefined();
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ user: 'ab12cd34ef56ab78', channel: 'whatsapp', note: 'de [number]', attempt: 2, msg: 'state changed by another turn' });
    expect(second).toMatchObject({ user: 'ab12cd34ef56ab78', msg: 'turn abandoned' });
  });
});
