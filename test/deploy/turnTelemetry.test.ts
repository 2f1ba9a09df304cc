/** The turn middleware and the error kinds it counts (bot/telemetry/turnTelemetry.ts, errorKind.ts). */
import { errorKind } from '../../bot/telemetry/errorKind';
import type { Telemetry, TurnOutcome } from '../../bot/telemetry/telemetry';
import { measureTurns } from '../../bot/telemetry/turnTelemetry';
import { turnTheme } from '../../bot/telemetry/turnTheme';

function recordingTelemetry() {
  const outcomes: TurnOutcome[] = [];
  const errors: string[] = [];
  const telemetry: Telemetry = {
    enabled: true,
    async turn(run, outcomeOf) {
      try {
        await run();
        outcomes.push(outcomeOf(undefined));
      } catch (error) {
        outcomes.push(outcomeOf(error));
        throw error;
      }
    },
    error: (kind) => void errors.push(kind),
    signatureRejected: () => undefined,
    shutdown: async () => undefined,
  };
  return { telemetry, outcomes, errors };
}

class StoreDeadlineError extends Error {
  override name = 'StoreDeadlineError';
}

describe('turn telemetry', () => {
  it('counts a message turn by channel and the theme it ended in', async () => {
    const { telemetry, outcomes } = recordingTelemetry();
    const state = { dialogState: { dialogStack: [{ id: 'main', state: { dialogs: { dialogStack: [{ id: 'menuFlow' }, { id: 'health' }] } } }] } };
    const middleware = measureTurns(() => telemetry, () => turnTheme(state));
    await middleware({ activity: { type: 'message', channelId: 'whatsapp' } }, async () => undefined);
    expect(outcomes).toEqual([{ channel: 'whatsapp', theme: 'health' }]);
  });

  it('counts a failed turn with its error kind and lets the error reach the adapter', async () => {
    const { telemetry, outcomes, errors } = recordingTelemetry();
    const middleware = measureTurns(() => telemetry, () => turnTheme(undefined, 'work'));
    const failure = new StoreDeadlineError('botstate read took longer than 2000 ms for 573001234567');
    await expect(middleware({ activity: { type: 'message', channelId: 'emulator' } }, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(outcomes).toEqual([{ channel: 'emulator', theme: 'work', errorKind: 'StoreDeadlineError' }]);
    expect(errors).toEqual(['StoreDeadlineError']);
  });

  it('passes other activities and everything when telemetry is off straight through', async () => {
    const { telemetry, outcomes } = recordingTelemetry();
    let ran = 0;
    await measureTurns(() => telemetry, () => 'none')({ activity: { type: 'conversationUpdate', channelId: 'emulator' } }, async () => void ran++);
    await measureTurns(() => ({ ...telemetry, enabled: false }), () => 'none')({ activity: { type: 'message', channelId: 'emulator' } }, async () => void ran++);
    expect(ran).toBe(2);
    expect(outcomes).toEqual([]);
  });

  it.each([
    [Object.assign(new Error('Service unavailable: 573001234567'), { name: 'RestError', statusCode: 503 }), 'RestError 503'],
    [Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'Error ECONNREFUSED'],
    [Object.assign(new Error('x'), { code: '573001234567' }), 'Error'],
    [new TypeError('cannot read'), 'TypeError'],
    ['a string', 'NonError'],
  ])('kind of %p is %s (never the message)', (error, kind) => {
    expect(errorKind(error)).toBe(kind);
  });

  it('names a theme only from theme ids', () => {
    expect(turnTheme({ dialogState: { dialogStack: [{ id: 'main' }] } })).toBe('none');
    expect(turnTheme(undefined, 'not-a-theme')).toBe('none');
  });

  it('asks for the understood theme only when no theme dialog is open', () => {
    const understood = jest.fn(() => 'health');
    expect(turnTheme({ dialogState: { dialogStack: [{ id: 'work' }] } }, understood)).toBe('work');
    expect(understood).not.toHaveBeenCalled();
    expect(turnTheme({ dialogState: { dialogStack: [{ id: 'main' }] } }, understood)).toBe('health');
    expect(understood).toHaveBeenCalledTimes(1);
  });
});
