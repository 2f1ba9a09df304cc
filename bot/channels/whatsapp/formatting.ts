/**
 * Text shaping for WhatsApp: the dialogs' markdown becomes WhatsApp formatting, long texts are
 * split where a reader would pause, and labels are shortened without cutting words.
 * Pure functions, no botbuilder.
 */
import { shortenText, sliceSafe } from '../../text/shorten';

/** Same link text and target (ignoring scheme and a trailing slash): print the address once. */
function sameLink(text: string, url: string): boolean {
  const bare = (s: string): string => s.trim().replace(/^(https?:\/\/)?(www\.)?/i, '').replace(/\/$/, '').toLowerCase();
  return bare(text) === bare(url);
}

/**
 * Markdown → WhatsApp formatting:
 * `**b**`/`__b__` → `*b*`, `*b*` and `_i_` stay (the content's WhatsApp bold and italics), `~~s~~` → `~s~`, `[t](u)` → `t: u`,
 * `# Title` → `*Title*`, `* item`/`+ item` → `- item`; runs of blank lines collapse to one.
 */
export function markdownToWhatsApp(markdown: string): string {
  let s = markdown.replace(/\r\n?/g, '\n');
  // Links first, so the markers inside link text are converted with the rest.
  s = s.replace(/\[([^\]\n]+)\]\(\s*(\S+?)(?:\s+"[^"\n]*")?\s*\)/g, (_m, text: string, url: string) =>
    sameLink(text, url) ? url : `${text}: ${url}`,
  );
  s = s.replace(/<((?:https?:\/\/|mailto:|tel:)[^>\s]+)>/g, '$1');
  // Bullets before emphasis: "* item" is a bullet, not an opening asterisk.
  s = s.replace(/^(\s*)[*+][ \t]+/gm, '$1- ');
  // One asterisk stays: the content catalog writes WhatsApp's own bold (`*123*`), not markdown italics.
  s = s.replace(/\*\*(?=\S)([^\n]*?\S)\*\*/g, '*$1*');
  s = s.replace(/__(?=\S)([^\n]*?\S)__/g, '*$1*');
  s = s.replace(/~~(?=\S)([^\n]*?\S)~~/g, '~$1~');
  // WhatsApp has no headings: a heading becomes a bold line (inner bold markers dropped, nesting is not rendered).
  s = s.replace(/^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm, (_m, title: string) => `*${title.replace(/\*/g, '')}*`);
  s = s.replace(/[ \t]+$/gm, '');
  s = s.replace(/\n{3,}/g, '\n\n');
  return s.trim();
}

/** Button and row labels show no formatting (Meta: "markdown is not supported"): drop the markers. */
export function plainLabel(label: string): string {
  return label.replace(/\*\*|__|~~/g, '').replace(/(^|\s)[*_~](?=\S)|(?<=\S)[*_~](?=\s|$)/g, '$1').trim();
}

/**
 * Shortens each label to `max` and keeps them unique (case-insensitive, as users read them):
 * a later duplicate gets " 2", " 3"… after shortening to leave room for the number.
 */
export function uniqueLabels(labels: readonly string[], max: number): string[] {
  const used = new Set<string>();
  return labels.map((label) => {
    let candidate = shortenText(label, max);
    for (let n = 2; used.has(candidate.toLocaleLowerCase()); n += 1) {
      const suffix = ` ${n}`;
      candidate = shortenText(label, max - suffix.length) + suffix;
    }
    used.add(candidate.toLocaleLowerCase());
    return candidate;
  });
}

/** Split levels, coarsest first: paragraphs, lines, sentences, words. */
const LEVELS: { split: RegExp; join: string }[] = [
  { split: /\n{2,}/, join: '\n\n' },
  { split: /\n/, join: '\n' },
  { split: /(?<=[.!?…:;])\s+/u, join: ' ' },
  { split: /\s+/, join: ' ' },
];

function hardCut(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const piece = sliceSafe(rest, max);
    pieces.push(piece);
    rest = rest.slice(piece.length);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function splitAtLevel(text: string, max: number, level: number): string[] {
  if (text.length <= max) return [text];
  const spec = LEVELS[level];
  if (!spec) return hardCut(text, max); // one "word" longer than a whole message (e.g. a huge URL)
  const units = text
    .split(spec.split)
    .map((u) => u.trim())
    .filter(Boolean)
    .flatMap((unit) => splitAtLevel(unit, max, level + 1));
  const chunks: string[] = [];
  let current = '';
  for (const unit of units) {
    if (!current) current = unit;
    else if (current.length + spec.join.length + unit.length <= max) current += spec.join + unit;
    else {
      chunks.push(current);
      current = unit;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/**
 * Splits a text into pieces of at most `max` characters, packing whole paragraphs together and
 * breaking a too-long paragraph at lines, then sentences, then words — never inside a word.
 */
export function splitText(text: string, max: number): string[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  return splitAtLevel(trimmed, max, 0);
}

/** Splits off the last paragraph: the part an interactive message shows above its buttons. */
export function splitLastParagraph(text: string): { before: string; last: string } {
  const paragraphs = text.trim().split(/\n{2,}/);
  const last = paragraphs.pop() ?? '';
  return { before: paragraphs.join('\n\n'), last };
}
