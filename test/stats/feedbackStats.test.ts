/**
 * FeedbackStats over the real `stats` container (embedded Cosmos-compatible server): the counter
 * document is created on the first answer, incremented with patch `incr` after that, and
 * concurrent first answers (404 on patch → create → 409 → patch again) lose no count.
 */
import { FeedbackStats, FeedbackThemeError, feedbackDocumentId } from '../../bot/stats/feedbackStats';
import { startTestStore, TestStore } from '../support/store';

describe('FeedbackStats', () => {
  let store: TestStore;
  let stats: FeedbackStats;
  beforeAll(async () => {
    store = await startTestStore();
    stats = new FeedbackStats(store.containers.stats);
  });
  afterAll(() => store.destroy());

  it('reads nothing before any answer', async () => {
    expect(await stats.read()).toEqual({});
  });

  it('creates the counter on the first answer and increments it afterwards', async () => {
    await stats.record('health', true);
    expect((await stats.read()).health).toEqual({ yes: 1, no: 0 });
    await stats.record('health', false);
    await stats.record('health', true);
    expect((await stats.read()).health).toEqual({ yes: 2, no: 1 });
  });

  it('keeps one document per theme, id "feedback:<theme>", holding only the counts', async () => {
    await stats.record('work', false);
    const { resource } = await store.containers.stats.item(feedbackDocumentId('work'), feedbackDocumentId('work')).read<Record<string, unknown>>();
    expect(resource).toEqual(expect.objectContaining({ id: 'feedback:work', kind: 'feedback', theme: 'work', yes: 0, no: 1 }));
    expect(Object.keys(resource ?? {}).filter((k) => !k.startsWith('_')).sort()).toEqual(['id', 'kind', 'no', 'theme', 'yes']);
  });

  it('loses no count when many instances answer at once, even for a theme never counted before', async () => {
    const answers = Array.from({ length: 12 }, (_, i) => i % 3 !== 0);
    await Promise.all(answers.map((useful) => stats.record('protection', useful)));
    expect((await stats.read()).protection).toEqual({ yes: 8, no: 4 });
  });

  it('reads every theme at once', async () => {
    expect(await stats.read()).toEqual({
      health: { yes: 2, no: 1 },
      work: { yes: 0, no: 1 },
      protection: { yes: 8, no: 4 },
    });
  });

  it('ignores other counters in the stats container', async () => {
    await store.containers.stats.items.create({ id: 'other:counter', kind: 'other', value: 3 });
    expect(Object.keys(await stats.read()).sort()).toEqual(['health', 'protection', 'work']);
  });

  it.each(['', 'Health', 'health; DROP', 'a'.repeat(65), '../x'])('refuses "%s" as a theme id, with a typed error', async (theme) => {
    await expect(stats.record(theme, true)).rejects.toBeInstanceOf(FeedbackThemeError);
  });
});
