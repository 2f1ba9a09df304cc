/**
 * Errors of the referral directory. Each carries what it is about (an id, the problems) so the CLI
 * can print a precise message and pick the exit code (bad input vs. failure).
 */
import type { ReferralProblem } from './referralValidation';

/** Something the admin gave is wrong; fixing the input fixes it (CLI exit code 2). */
export abstract class ReferralInputError extends Error {}

export class ReferralValidationError extends ReferralInputError {
  constructor(readonly id: string, readonly problems: ReferralProblem[]) {
    super(`Referral "${id || '(no id)'}" is not valid:\n${problems.map((p) => `  - ${p.field} ${p.value ? `"${p.value}" ` : ''}${p.reason}`).join('\n')}`);
    this.name = 'ReferralValidationError';
  }
}

export class ReferralNotFoundError extends ReferralInputError {
  constructor(readonly id: string) {
    super(`No referral has id "${id}" (pro referrals list shows the ids)`);
    this.name = 'ReferralNotFoundError';
  }
}

export class ReferralExistsError extends ReferralInputError {
  constructor(readonly id: string) {
    super(`A referral with id "${id}" already exists; use "pro referrals update ${id}" to change it or choose another id`);
    this.name = 'ReferralExistsError';
  }
}

/** Someone else changed the entry between our read and our write (ETag mismatch). */
export class ReferralConflictError extends Error {
  constructor(readonly id: string) {
    super(`Referral "${id}" was changed by someone else meanwhile; nothing was written — run the command again`);
    this.name = 'ReferralConflictError';
  }
}

/** Some writes of a bulk change failed; the ids say which, so the admin can re-run the import (it is an upsert). */
export class ReferralWriteError extends Error {
  /** `written` is what stays written: 0 once an import's successful writes were rolled back. */
  constructor(readonly failures: { id: string; statusCode: number }[], readonly written: number) {
    super(
      `${failures.length} referral write(s) failed (${written ? `${written} succeeded` : 'nothing was imported: the other writes were undone'}): ${failures
        .slice(0, 10)
        .map((f) => `${f.id} (HTTP ${f.statusCode})`)
        .join(', ')}${failures.length > 10 ? ', …' : ''}; importing the same file again is safe`,
    );
    this.name = 'ReferralWriteError';
  }
}
