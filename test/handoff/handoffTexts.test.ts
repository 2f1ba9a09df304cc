import { ContentCatalog } from '../../bot/content/catalog';
import { parseHandoffHours } from '../../bot/handoff/handoffHours';
import { HandoffTexts } from '../../bot/handoff/handoffTexts';

const texts = new HandoffTexts(new ContentCatalog(), parseHandoffHours('Mon-Fri 08:00-17:00'), 'es');
// 2026-12-02 is a Wednesday; times in Colombia (UTC-5).
const bogota = (iso: string): Date => new Date(`${iso}-05:00`);

describe('what the person is told when the hand-off opens', () => {
  it('within hours: an advisor answers in service hours, and the PRO line meanwhile', () => {
    const text = texts.opened('es', bogota('2026-12-02T10:00:00'));
    expect(text).toContain('*lunes a viernes, 08:00 a 17:00* (hora de Colombia)');
    expect(text).toContain('01 8000 180588');
    expect(text).not.toContain('no hay personas asesoras conectadas');
  });

  it('outside hours: from which day and hour, in the person\'s language', () => {
    expect(texts.opened('es', bogota('2026-12-04T18:30:00'))).toContain('desde el *lunes a las 08:00*');
    expect(texts.opened('en', bogota('2026-12-02T06:10:00'))).toContain('from *Wednesday at 08:00*');
  });

  it("the advisor's context note names ids and this conversation's lines, in the advisors' language", () => {
    const note = texts.contextNote({ theme: 'protection', department: '54', group: 'venezuelan', language: 'en', channel: 'whatsapp' }, [
      { from: 'person', text: 'my boss kept my passport' },
      { from: 'bot', text: 'If you are in danger…' },
    ]);
    expect(note).toContain('La persona escribió: my boss kept my passport');
    expect(note).toContain('El bot respondió: If you are in danger…');
    expect(note).toContain('Tema: protection · Departamento: 54 · Grupo: venezuelan · Idioma: en · Canal: whatsapp');
  });
});
