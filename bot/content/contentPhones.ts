/**
 * The phone lines content may give, and a finder for phone numbers in a text. A number people call
 * must come from a public source, never a guess: a wrong digit sends someone in danger nowhere.
 */

/** A line content may name, digits only, with where it was found. */
export interface AllowedLine {
  digits: string;
  name: string;
  source: string;
}

const RESEARCH = '/work/shared/research/colombia-orientation-facts.md';
const AUDIT = '/work/shared/research/content-audit-2026-12.md';

export const ALLOWED_LINES: readonly AllowedLine[] = [
  { digits: '123', name: 'Police and emergencies', source: `${RESEARCH} §1` },
  { digits: '155', name: 'Women (violence)', source: `${RESEARCH} §7` },
  { digits: '141', name: 'ICBF children', source: `${RESEARCH} §7` },
  { digits: '122', name: 'Fiscalía', source: `${RESEARCH} §7` },
  { digits: '018000180588', name: 'PRO national line', source: `${RESEARCH} §8` },
  { digits: '573057341182', name: 'PRO WhatsApp', source: `${RESEARCH} §8` },
  { digits: '018000522020', name: 'Anti-trafficking line', source: `${RESEARCH} §7` },
  { digits: '018000423701', name: 'Migración Colombia', source: `${RESEARCH} §8` },
  { digits: '018000918080', name: 'ICBF national line', source: `${RESEARCH} §7` },
  { digits: '106', name: 'Línea 106, mental health', source: `${AUDIT} G8` },
  { digits: '3007548933', name: 'Línea 106 WhatsApp (Bogotá)', source: `${AUDIT} G8` },
  { digits: '573202733179', name: 'La Mesa, free legal advice on abortion (IVE)', source: `${AUDIT} G7` },
];

const ALLOWED = new Set(ALLOWED_LINES.map((line) => line.digits));

export function isAllowedLine(digits: string): boolean {
  return ALLOWED.has(digits);
}

/** Phone numbers in a text, digits only: long digit runs (7+ digits, spaces allowed) and 3-6 digit lines. */
export function phoneNumbersIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\+?\d[\d \-]{5,}\d/g)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length >= 7) found.push(digits);
  }
  // Short lines are written in bold (*123*) or after words like "línea", "llama al", "call".
  for (const match of text.matchAll(/\*(\d{3,6})\*/g)) found.push(match[1]);
  for (const match of text.matchAll(/\b(?:l[íi]nea|line|llama(?:r)?(?: gratis)?(?: al)?|marca|call|dial)\s+\*?(\d{3,6})\b/gi)) found.push(match[1]);
  return found;
}
