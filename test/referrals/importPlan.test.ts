/** Planning an import without Cosmos: what is created, replaced, moved or left alone, and how a failed import is undone. */
import { GeoDirectory } from '../../bot/geo';
import { planImport, ReferralDocument, toDocument, undoOperations } from '../../bot/referrals';
import { referral } from './referralFixtures';

const geo = GeoDirectory.shipped();
const now = new Date('2026-12-02T10:00:00Z');
const stamp = { actor: 'maria', now, geo };

/** A document as the store returns it: with an ETag and Cosmos system fields. */
function stored(r: ReturnType<typeof referral>, etag: string): ReferralDocument {
  return { ...toDocument(r, 'juan', new Date('2026-01-01T00:00:00Z'), geo), _etag: etag, _rid: 'rid', _self: 'self', _ts: 1, _attachments: 'att' } as ReferralDocument;
}

describe('planImport', () => {
  const same = referral({ id: 'same' });
  const changed = referral({ id: 'changed' });
  const moved = referral({ id: 'moved' });
  const existing = new Map([
    ['same', stored(same, 'e-same')],
    ['changed', stored(changed, 'e-changed')],
    ['moved', stored(moved, 'e-moved')],
  ]);
  const incoming = [
    referral({ id: 'new', departmentCode: '05', municipalityCode: '05001' }),
    same,
    { ...changed, hours: '24/7' },
    { ...moved, departmentCode: '05', municipalityCode: '05001' },
  ];
  const plan = planImport(incoming, existing, stamp);

  it('counts what it will do and writes nothing for an identical entry', () => {
    expect({ created: plan.created, updated: plan.updated, unchanged: plan.unchanged }).toEqual({ created: 1, updated: 2, unchanged: 1 });
    expect(plan.owners).not.toContain('same');
  });

  it('creates in the department partition, replaces under the ETag read, and moves as create-then-delete', () => {
    expect(plan.operations.map((op) => [op.operationType, op.partitionKey, (op as { ifMatch?: string }).ifMatch])).toEqual([
      ['Create', '05', undefined],
      ['Replace', '54', 'e-changed'],
      ['Create', '05', undefined],
      ['Delete', '54', undefined],
    ]);
    expect(plan.owners).toEqual(['new', 'changed', 'moved', 'moved']);
  });

  it('stamps documents with the importer, the time and the folded search text with place names', () => {
    const created = (plan.operations[0] as unknown as { resourceBody: ReferralDocument }).resourceBody;
    expect(created).toMatchObject({ id: 'new', partitionKey: '05', updatedBy: 'maria', updatedAt: '2026-12-02T10:00:00.000Z' });
    expect(created.searchText).toContain('medellin');
    expect(created.searchText).toContain('antioquia');
  });

  it('audits each created or changed entry with its state before and after', () => {
    expect(plan.changes.map((c) => [c.entityId, c.action])).toEqual([
      ['new', 'import'],
      ['changed', 'import'],
      ['moved', 'import'],
    ]);
    expect(plan.changes[1]).toMatchObject({ before: { id: 'changed' }, after: { id: 'changed', hours: '24/7' } });
    expect(plan.changes[1].before).not.toHaveProperty('hours');
    expect(plan.changes[2]).toMatchObject({ before: { departmentCode: '54' }, after: { departmentCode: '05' } });
    expect(plan.changes[0].before).toBeNull();
    // The audit keeps the referral only, never storage or Cosmos fields.
    expect(plan.changes[1].before).not.toHaveProperty('_etag');
    expect(plan.changes[1].before).not.toHaveProperty('partitionKey');
  });

  it('an import of nothing new plans no write', () => {
    expect(planImport([same], existing, stamp)).toMatchObject({ operations: [], created: 0, updated: 0, unchanged: 1 });
  });
});

describe('undoOperations', () => {
  const changed = referral({ id: 'changed' });
  const moved = referral({ id: 'moved' });
  const existing = new Map([
    ['changed', stored(changed, 'e-changed')],
    ['moved', stored(moved, 'e-moved')],
  ]);
  const plan = planImport(
    [referral({ id: 'new' }), { ...changed, hours: '24/7' }, { ...moved, departmentCode: '05', municipalityCode: '05001' }],
    existing,
    stamp,
  );

  it('deletes what was created and puts back the earlier documents without Cosmos system fields', () => {
    const inverse = undoOperations(plan.operations, new Set(), existing);
    const idOf = (op: (typeof inverse)[number]): string => (op as unknown as { id?: string }).id ?? (op as unknown as { resourceBody: { id: string } }).resourceBody.id;
    expect(inverse.map((op) => [op.operationType, op.partitionKey, idOf(op)])).toEqual([
      ['Delete', '54', 'new'],
      ['Upsert', '54', 'changed'],
      ['Delete', '05', 'moved'],
      ['Upsert', '54', 'moved'],
    ]);
    const restored = (inverse[1] as unknown as { resourceBody: Record<string, unknown> }).resourceBody;
    expect(restored).toMatchObject({ id: 'changed', updatedBy: 'juan' });
    expect(restored).not.toHaveProperty('hours');
    for (const field of ['_etag', '_rid', '_self', '_ts', '_attachments']) expect(restored).not.toHaveProperty(field);
  });

  it('leaves alone the writes that failed (they changed nothing)', () => {
    const inverse = undoOperations(plan.operations, new Set([0, 2]), existing);
    expect(inverse.map((op) => op.operationType)).toEqual(['Upsert', 'Upsert']);
  });
});
