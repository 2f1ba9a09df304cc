/**
 * The national lines the product ships (bot/referrals/seed/national-lines.json), loaded into an empty
 * directory so a fresh install can already point people to help. Real lines only, each with its source.
 */
import seedFile from './seed/national-lines.json';
import { NATIONAL_PARTITION, Referral } from './referral';
import { ReferralWriteError } from './referralErrors';
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
export async function seedNationalLines(repository: ReferralRepository, actor = SEED_ACTOR, pause = randomPause): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    if (!(await repository.isPartitionEmpty(NATIONAL_PARTITION))) return 0;
    try {
      return (await repository.importReferrals(nationalLineSeed(), actor)).created;
    } catch (err) {
      // Two instances starting together on a fresh store both find the partition empty: the later
      // one's creates fail with 409 and its import is undone. Look again after a pause: the other's
      // seed is there (or, when each undid half, one of them wins the next try).
      const lostARace = err instanceof ReferralWriteError && err.failures.every((f) => f.statusCode === 409);
      if (!lostARace || attempt >= SEED_ATTEMPTS) throw err;
      await pause(attempt);
    }
  }
}

const SEED_ATTEMPTS = 5;

/** A random pause that grows with each try, so two racing instances stop meeting. */
function randomPause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * attempt));
}
