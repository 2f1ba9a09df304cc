/**
 * AttentionStats over the real `stats` container (embedded Cosmos-compatible server): one patch per
 * turn on the month × channel document, created on its first count, no count lost when instances
 * race on a new month, and a range of months read back.
 */
import { attentionDocumentId } from '../../bot/stats/attentionDocument';
import { AttentionStats } from '../../bot/stats/attentionStats';
import { TurnCounts } from '../../bot/stats/turnCounts';
import { startTestStore, TestStore } from '../support/store';

const OCT = new Date('2026-10-10T12:00:00Z');
const NOV = new Date('2026-11-10T12:00:00Z');

function answered(channel: string, at: Date, theme: string): TurnCounts {
  const counts = new TurnCounts(channel, at);
  counts.answered(theme, { group: 'host', lastPlace: { departmentCode: '08' } }, 'es');
  return counts;
}

describe('AttentionStats', () => {
  let store: TestStore;
  let stats: AttentionStats;
  beforeAll(async () => {
    store = await startTestStore();
    stats = new AttentionStats(store.containers.stats);
  });
  afterAll(() => store.destroy());

  it('creates the month × channel document on its first count and increments it after', async () => {
    await stats.record(answered('whatsapp', NOV, 'health'));
    await stats.record(answered('whatsapp', NOV, 'health'));
    const id = attentionDocumentId('2026-11', 'whatsapp');
    const { resource } = await store.containers.stats.item(id, id).read<Record<string, unknown>>();
    expect(resource).toEqual(expect.objectContaining({ id: 'attention:2026-11:whatsapp', kind: 'attention', month: '2026-11', channel: 'whatsapp' }));
    expect(resource?.counts).toEqual({ people: 2, 'attention.health.08.host.es': 2 });
  });

  it('loses no count when many instances count at once in a month never counted before', async () => {
    await Promise.all(Array.from({ length: 12 }, () => stats.record(answered('emulator', OCT, 'work'))));
    const [doc] = await stats.read('2026-10', '2026-10');
    expect(doc.counts).toEqual({ people: 12, 'attention.work.08.host.es': 12 });
  });

  it('reads the documents of a range of months, every channel, in order', async () => {
    const docs = await stats.read('2026-10', '2026-11');
    expect(docs.map((d) => d.id)).toEqual(['attention:2026-10:emulator', 'attention:2026-11:whatsapp']);
    expect(await stats.read('2026-12', '2027-03')).toEqual([]);
  });

  it('writes nothing for a turn that counted nothing', async () => {
    await stats.record(new TurnCounts('whatsapp', new Date('2026-09-01T12:00:00Z')));
    expect(await stats.read('2026-09', '2026-09')).toEqual([]);
  });
});
