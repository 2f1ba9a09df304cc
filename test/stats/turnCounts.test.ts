/**
 * One turn's counts: an attention once per theme and conversation (day, Colombia time), a person
 * once per month, keys only from the vocabulary, and never more than 10 patch operations.
 */
import type { UserProfile } from '../../bot/profile/userProfile';
import { TurnCounts } from '../../bot/stats/turnCounts';

const NOV_30_EVENING_BOGOTA = new Date('2026-12-01T03:30:00Z');
const DEC_1 = new Date('2026-12-01T15:00:00Z');
const DEC_2 = new Date('2026-12-02T15:00:00Z');

function keys(counts: TurnCounts): Record<string, number> {
  return Object.fromEntries(counts.entries());
}

describe('TurnCounts', () => {
  it('counts an attention with its theme, department, group and language, and the person reached, in Colombia\'s month', () => {
    const person: UserProfile = { group: 'venezuelan', lastPlace: { departmentCode: '54', municipalityCode: '54001' } };
    const counts = new TurnCounts('whatsapp', NOV_30_EVENING_BOGOTA);
    counts.answered('health', person, 'es');
    expect(counts.month).toBe('2026-11');
    expect(keys(counts)).toEqual({ people: 1, 'attention.health.54.venezuelan.es': 1 });
    expect(person.counted).toEqual({ month: '2026-11', day: '2026-11-30', themes: ['health'] });
    expect(counts.operations()).toEqual([
      { op: 'incr', path: '/counts/people', value: 1 },
      { op: 'incr', path: '/counts/attention.health.54.venezuelan.es', value: 1 },
    ]);
  });

  it('counts a theme once a conversation (day) and a person once a month', () => {
    const person: UserProfile = {};
    const first = new TurnCounts('emulator', DEC_1);
    first.answered('work', person, 'en');
    const again = new TurnCounts('emulator', DEC_1);
    again.answered('work', person, 'en');
    again.answered('education', person, 'en');
    expect(keys(again)).toEqual({ 'attention.education.unknown.unknown.en': 1 });
    const nextDay = new TurnCounts('emulator', DEC_2);
    nextDay.answered('work', person, 'en');
    expect(keys(nextDay)).toEqual({ 'attention.work.unknown.unknown.en': 1 });
    expect(person.counted).toEqual({ month: '2026-12', day: '2026-12-02', themes: ['work'] });
  });

  it('maps the profile to the reporting vocabulary and refuses anything else as a key part', () => {
    const counts = new TurnCounts('WhatsApp', DEC_1);
    counts.answered('Health; DROP', { group: 'other_nationality', lastPlace: { departmentCode: '+573001234567' } }, 'fr');
    counts.servicesShown('legal', '540', 3);
    counts.lineShown('national-pro-line');
    counts.lineShown('../../x');
    expect(Object.keys(keys(counts)).sort()).toEqual(['attention.unknown.unknown.other.unknown', 'line.national_pro_line', 'line.other', 'people', 'referral.legal.unknown'].sort());
    expect(counts.channel).toBe('whatsapp');
  });

  it('counts emergencies by kind, each kind once, and decisions', () => {
    const counts = new TurnCounts('whatsapp', DEC_1);
    counts.emergency(['gender_violence', 'immediate_danger', 'gender_violence']);
    counts.consent('declined');
    counts.deletionRequested();
    expect(keys(counts)).toEqual({ 'emergency.gender_violence': 1, 'emergency.immediate_danger': 1, 'consent.declined': 1, deletion: 1 });
  });

  it('never needs more than 10 patch operations: what does not fit is folded into one counter', () => {
    const counts = new TurnCounts('whatsapp', DEC_1);
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']) counts.lineShown(`line_${id}`);
    const ops = counts.operations();
    expect(ops).toHaveLength(10);
    expect(ops[9]).toEqual({ op: 'incr', path: '/counts/folded', value: 3 });
    expect(ops.reduce((sum, op) => sum + Number((op as { value: number }).value), 0)).toBe(12);
  });

  it('is empty when nothing was counted', () => {
    const counts = new TurnCounts('whatsapp');
    counts.servicesShown('legal', '54', 0);
    expect(counts.isEmpty).toBe(true);
  });
});
