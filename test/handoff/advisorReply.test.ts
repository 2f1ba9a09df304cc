import { advisorReplyForWhatsApp } from '../../bot/handoff/advisorReply';

describe("an advisor's reply on WhatsApp", () => {
  it('turns markdown into WhatsApp marks', () => {
    expect(advisorReplyForWhatsApp('**Importante:** lleva tu [PPT](https://www.migracioncolombia.gov.co) ~~mañana~~')).toEqual([
      '*Importante:* lleva tu PPT: https://www.migracioncolombia.gov.co ~mañana~',
    ]);
  });

  it('splits a long reply between paragraphs, each within 4096 characters, in order', () => {
    const paragraph = (n: number) => `Párrafo ${n}. ${'palabra '.repeat(300).trim()}`;
    const reply = [1, 2, 3, 4].map(paragraph).join('\n\n');
    const pieces = advisorReplyForWhatsApp(reply);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(4096);
    expect(pieces.join('\n\n')).toBe(reply);
  });

  it('has nothing to send for an empty reply', () => {
    expect(advisorReplyForWhatsApp('  \n ')).toEqual([]);
  });
});
