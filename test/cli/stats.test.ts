import { FeedbackStats } from '../../bot/stats/feedbackStats';
import { startTestStore, TestStore } from '../support/store';
import { runCommand } from '../support/inProcessCli';
import { cliEnv } from './runCli';

describe('pro stats', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore({ database: 'statsdb' });
  });
  afterAll(() => store.destroy());

  it('reports "was this useful?" counts per theme and the directory size, as text and --json', async () => {
    const env = cliEnv(store, 'statsdb');
    expect((await runCommand(['db', 'init', '--seed'], env)).code).toBe(0);
    const feedback = new FeedbackStats(store.containers.stats);
    await feedback.record('health', true);
    await feedback.record('health', true);
    await feedback.record('health', false);
    await feedback.record('regularization', false);

    const json = await runCommand(['stats', '--json'], env);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as { feedback: Record<string, unknown>; referrals: Record<string, number> };
    expect(result.feedback).toEqual({
      health: { yes: 2, no: 1, usefulPercent: 67 },
      regularization: { yes: 0, no: 1, usefulPercent: 0 },
    });
    expect(result.referrals).toMatchObject({ inactive: 0, departments: 0 });
    expect(result.referrals.national).toBe(result.referrals.active);
    expect(result.referrals.active).toBeGreaterThanOrEqual(6);

    const text = await runCommand(['stats'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/health\s+yes\s+2\s+no\s+1\s+67% useful/);
    expect(text.stdout).toContain('national');
  });
});
