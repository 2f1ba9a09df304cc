import { markdownToWhatsApp, plainLabel, splitText, uniqueLabels } from '../../bot/channels/whatsapp/formatting';
import { shortenText } from '../../bot/text/shorten';

describe('markdownToWhatsApp', () => {
  it.each([
    ['**PPT** es el permiso', '*PPT* es el permiso'],
    ['__PPT__ es el permiso', '*PPT* es el permiso'],
    // The content writes WhatsApp bold with one asterisk: it must stay bold, not turn italic.
    ['es _gratis_ y *sin* intermediarios', 'es _gratis_ y *sin* intermediarios'],
    ['Llama gratis al *123* o a la *Línea Nacional PRO*', 'Llama gratis al *123* o a la *Línea Nacional PRO*'],
    ['**uno** y **dos**', '*uno* y *dos*'],
    ['~~caro~~ gratis', '~caro~ gratis'],
    ['Ver [Migración Colombia](https://www.migracioncolombia.gov.co)', 'Ver Migración Colombia: https://www.migracioncolombia.gov.co'],
    ['Ver [https://www.cancilleria.gov.co/](https://www.cancilleria.gov.co/)', 'Ver https://www.cancilleria.gov.co/'],
    ['Ver <https://example.org/x>', 'Ver https://example.org/x'],
    ['# Salud', '*Salud*'],
    ['## **Derechos** básicos ##', '*Derechos básicos*'],
    ['* uno\n+ dos\n- tres', '- uno\n- dos\n- tres'],
    ['2 * 3 * 4 = 24', '2 * 3 * 4 = 24'],
    ['uno\n\n\n\ndos  ', 'uno\n\ndos'],
    ['- **Línea 155**: violencia', '- *Línea 155*: violencia'],
  ])('%j → %j', (input, expected) => {
    expect(markdownToWhatsApp(input)).toBe(expected);
  });
});

describe('plainLabel', () => {
  it.each([
    ['**Salud**', 'Salud'],
    ['_Trabajo_ y ~~empleo~~', 'Trabajo y empleo'],
    ['Línea 155 *', 'Línea 155 *'],
    ['2 * 3', '2 * 3'],
  ])('%j → %j', (input, expected) => {
    expect(plainLabel(input)).toBe(expected);
  });
});

describe('shortenText', () => {
  it('leaves short labels alone, collapsing whitespace', () => {
    expect(shortenText('  Salud \n y EPS ', 20)).toBe('Salud y EPS');
  });

  it('cuts at a word boundary and adds an ellipsis', () => {
    const short = shortenText('Registro civil de nacimiento', 20);
    expect(short).toBe('Registro civil de…');
    expect(short.length).toBeLessThanOrEqual(20);
  });

  it('drops trailing punctuation before the ellipsis', () => {
    expect(shortenText('Salud, educación, trabajo y vivienda', 20)).toBe('Salud, educación…');
  });

  it('cuts a single over-long word (the only way to fit) without splitting an emoji', () => {
    expect(shortenText('Supercalifragilisticoespialidoso', 10)).toBe('Supercali…');
    const emoji = shortenText('aaaaaaaa😀😀😀', 10);
    expect(emoji.length).toBeLessThanOrEqual(10);
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('uniqueLabels', () => {
  it('keeps shortened labels unique', () => {
    const labels = uniqueLabels(['Información sobre el PPT', 'Información sobre el PEP', 'Información sobre la visa'], 20);
    expect(new Set(labels.map((l) => l.toLowerCase())).size).toBe(3);
    for (const l of labels) expect(l.length).toBeLessThanOrEqual(20);
    expect(labels[0]).toBe('Información sobre…');
    expect(labels[1]).toBe('Información sobre… 2');
  });

  it('treats labels differing only in case as duplicates', () => {
    expect(uniqueLabels(['Salud', 'salud'], 20)).toEqual(['Salud', 'salud 2']);
  });
});

describe('splitText', () => {
  it('returns nothing for blank text and one piece for short text', () => {
    expect(splitText('  ', 100)).toEqual([]);
    expect(splitText('hola', 100)).toEqual(['hola']);
  });

  it('packs whole paragraphs under the limit', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Párrafo ${i + 1}. ${'palabra '.repeat(60).trim()}`);
    const pieces = splitText(paragraphs.join('\n\n'), 1000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(1000);
    // No paragraph is cut: the pieces rejoin to the original.
    expect(pieces.join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('breaks a too-long paragraph at sentences, then words, never inside a word', () => {
    const paragraph = Array.from({ length: 200 }, (_, i) => `Frase número ${i} con palabras largas como documentación.`).join(' ');
    const pieces = splitText(paragraph, 500);
    const words = new Set(paragraph.split(' '));
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(500);
      for (const word of piece.split(/\s+/)) expect(words.has(word)).toBe(true);
    }
    expect(pieces.join(' ')).toBe(paragraph);
  });

  it('hard-cuts only a single word longer than the limit', () => {
    const url = `https://example.org/${'x'.repeat(150)}`;
    const pieces = splitText(`Mira ${url} ahora`, 100);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(100);
    expect(pieces.join('').replace(/\s/g, '')).toBe(`Mira${url}ahora`);
  });
});
