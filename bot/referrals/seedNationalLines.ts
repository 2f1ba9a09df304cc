/**
 * The national lines the product ships (bot/referrals/seed/national-lines.json), loaded into an empty
 * directory so a fresh install can already point people to help. Real lines only, each with its source.
 */
import seedFile from './seed/national-lines.json';
import { NATIONAL_PARTITION, Referral } from './referral';
import type { ReferralRecord } from './referralRecord';
import type { ReferralRepository } from './referralRepository';
import { validateReferral } from './referralValidation';

export interface SeedLine {
  /** Where the number was confirmed. */
  source: string;
  record: ReferralRecord;
}

/** Who the audit names for seeding. */
export const SEED_ACTOR = 'pro-bot (seed)';

/** The shipped national lines, validated like any import (a bad seed fails loudly, in tests first). */
export function nationalLineSeed(): Referral[] {
  return (seedFile.lines as SeedLine[]).map(({ record }) => {
    const result = validateReferral(record);
    if (!result.ok) {
      throw new Error(`seed/national-lines.json: ${record.id}: ${result.problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`);
    }
    return result.referral;
  });
}

/**
 * Loads the shipped national lines when the national partition is empty (first start); otherwise
 * does nothing, so admins' edits and removals are never undone. Returns how many were added.
 */
export async function seedNationalLines(repository: ReferralRepository, actor = SEED_ACTOR): Promise<number> {
  if (!(await repository.isPartitionEmpty(NATIONAL_PARTITION))) return 0;
  const outcome = await repository.importReferrals(nationalLineSeed(), actor);
  return outcome.created;
}
