/**
 * Store deadlines: a call past its deadline rejects with StoreDeadlineError; right after, the store
 * is taken for hung, so the calls that follow fail at once (no one waits out a second deadline)
 * until the short cool-off has passed, and then the store is tried again.
 */
import { HUNG_COOL_OFF_MS, StoreDeadlineError, StoreHungError, withDeadline } from '../../bot/storage/deadline';

describe('withDeadline', () => {
  // The hung mark is the process's (one store); each test starts well past any earlier test's cool-off.
  let start = Date.now();
  beforeEach(() => {
    start += 1000 * HUNG_COOL_OFF_MS;
    jest.useFakeTimers({ now: start });
  });
  afterEach(() => jest.useRealTimers());

  const never = (): Promise<never> => new Promise(() => undefined);

  it('answers what the call answers within the deadline', async () => {
    await expect(withDeadline(100, 'state read', async () => 'doc')).resolves.toBe('doc');
  });

  it('after a missed deadline, later calls fail at once until the cool-off has passed', async () => {
    const missed = withDeadline(2000, 'state read', never);
    const caught = expect(missed).rejects.toThrow(StoreDeadlineError);
    await jest.advanceTimersByTimeAsync(2000);
    await caught;

    const call = jest.fn(async () => 'doc');
    await expect(withDeadline(2000, 'state write', call)).rejects.toBeInstanceOf(StoreHungError);
    await expect(withDeadline(2000, 'state write', call)).rejects.toThrow(StoreDeadlineError); // handled like a deadline (the apology)
    expect(call).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(HUNG_COOL_OFF_MS);
    await expect(withDeadline(2000, 'state read', call)).resolves.toBe('doc');
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('a call that fails on its own (not a deadline) does not make the store count as hung', async () => {
    await expect(withDeadline(2000, 'state read', async () => Promise.reject(new Error('404')))).rejects.toThrow('404');
    await expect(withDeadline(2000, 'state read', async () => 'doc')).resolves.toBe('doc');
  });
});
