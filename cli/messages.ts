/**
 * What the `pro` CLI says to people, kept apart from the commands' logic so wording can change
 * (or be translated) in one place.
 */
import type { DivipolaChanges, PlaceInDepartment } from '../bot/geo';
import type { ImportOutcome, RemoveOutcome } from '../bot/referrals';

/** The shape shared by validation, file and DIVIPOLA problems. */
export interface Problem {
  line?: number;
  id?: string;
  field: string;
  value?: string;
  reason: string;
}

export const messages = {
  actorFlag: 'who is making the change, for the audit log (default: your OS user name)',
  yesFlag: 'do not ask for confirmation',
  jsonHint: 'Format output as json.',

  // Places given as flags
  ambiguousPlace: (text: string, candidates: PlaceInDepartment[]) =>
    `"${text}" matches several municipalities: ${candidates
      .map((c) => `${c.municipality.code} ${c.municipality.name} (${c.department.name})`)
      .join(', ')}. Give the code, or add the department (e.g. "${text} ${candidates[0].department.name}").`,
  unknownPlace: (text: string, what: 'municipality' | 'department') => `"${text}" is not a ${what} I know; give its DIVIPOLA code (e.g. ${what === 'municipality' ? '54001' : '54'}).`,
  departmentNotMunicipality: (text: string, name: string) => `"${text}" is the department ${name}, not a municipality; use --department.`,
  /** A place flag given as digits that is not a DIVIPOLA code of the shipped geography. */
  badPlaceCode: (flag: '--department' | '--municipality', value: string, problem: string) =>
    `${flag} "${value}" ${problem} ${
      flag === '--department'
        ? 'Give a 2-digit DIVIPOLA code with its leading zero, or a name: e.g. --department 05 (Antioquia) or --department "Norte de Santander".'
        : 'Give a 5-digit DIVIPOLA code with its leading zero, or a name: e.g. --municipality 05001 (Medellín) or --municipality cucuta.'
    }`,
  codeLength: (digits: number) => `is not a DIVIPOLA code: ${digits === 2 ? 'department' : 'municipality'} codes have ${digits} digits.`,
  unknownCode: (what: 'department' | 'municipality') => `is not the code of any ${what} in DIVIPOLA.`,
  didYouMean: (code: string, place: string) => ` Did you mean ${code} (${place})?`,
  useOtherFlag: (code: string, place: string, flag: '--department' | '--municipality') => ` ${code} is ${place}: use ${flag} ${code}.`,
  placeMismatch: (municipality: string, place: string, department: string, departmentName: string) =>
    `--municipality ${municipality} is ${place}, not in --department ${department} (${departmentName}). Give only --municipality (it implies its department), or codes that match.`,
  placeNeeded: 'Give --department and/or --municipality, or --national for a line that serves the whole country.',
  nationalWithPlace: '--national cannot be combined with --department or --municipality.',

  // Results
  added: (id: string, place: string) => `Added ${id} (${place}).`,
  updated: (id: string, changed: string[]) => (changed.length ? `Updated ${id}: ${changed.join(', ')}.` : `Nothing to change in ${id}.`),
  removed: (id: string, outcome: RemoveOutcome) =>
    ({
      deactivated: `Deactivated ${id}: people no longer see it (pro referrals update ${id} --active brings it back).`,
      already_inactive: `${id} was already inactive; nothing to do.`,
      deleted: `Deleted ${id} for good (its last state stays in the audit log).`,
      not_found: `No referral ${id}; nothing to remove (already deleted?).`,
    })[outcome],
  confirmRemove: (id: string, name: string, hard: boolean) => (hard ? `Delete ${id} (${name}) for good? [y/N] ` : `Deactivate ${id} (${name})? [y/N] `),
  removeCancelled: 'Nothing removed.',
  removeNeedsYes: 'Refusing to remove without confirmation: this is not an interactive terminal. Add --yes to confirm.',
  noReferrals: 'No referrals match.',
  listCount: (count: number) => `${count} referral(s).`,
  nationalPlace: 'national line',

  importSummary: (o: ImportOutcome, rows: number, skipped: number) =>
    `${o.dryRun ? 'Dry run, nothing written: would create' : 'Created'} ${o.created}, ${o.dryRun ? 'update' : 'updated'} ${o.updated}, unchanged ${o.unchanged} (of ${rows} row(s)${skipped ? `, ${skipped} skipped as invalid` : ''}).`,
  /** One problem of a row or field: "  line 3 (cucuta-pro): phone "12" is not a valid phone number". */
  problem: (p: Problem, unit: 'line' | 'entry' = 'line') =>
    `  ${p.line ? `${unit} ${p.line}${p.id ? ` (${p.id})` : ''}: ` : ''}${p.field}${p.value ? ` "${p.value}"` : ''} ${p.reason}`,
  fileNotReadable: (file: string, reason: string) => `Cannot read ${file}: ${reason}`,
  exported: (count: number, output: string) => `Exported ${count} referral(s) to ${output}.`,

  dbReady: (kind: string, database: string, containers: string[]) => `Store ready (${kind}): database "${database}" with containers ${containers.join(', ')}.`,
  seeded: (count: number) => (count ? `Seeded ${count} national line(s).` : 'National lines already present; seed skipped.'),

  geoSummary: (departments: number, municipalities: number, changes: DivipolaChanges) =>
    `${departments} departments, ${municipalities} municipalities; ${changes.added.length} added, ${changes.removed.length} removed, ${changes.renamed.length + changes.renamedDepartments.length} renamed.`,
  geoWritten: (files: string[]) => `Wrote ${files.join(' and ')}.`,
  geoDryRun: 'Dry run: nothing written.',
  geoChange: (kind: '+' | '-' | '~', text: string) => `  ${kind} ${text}`,
};
