/**
 * Exit codes of the `pro` CLI (DESIGN.md): 0 ok, 2 bad input, 1 any other failure. Each known error
 * type maps to one; anything unknown is a failure.
 */
import { ConfigError } from '../bot/config';
import { DivipolaFileError } from '../bot/geo';
import { ReferralInputError } from '../bot/referrals';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Wrong flags, arguments or files given to a command; the message says what to change. */
export class CliInputError extends Error {
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = 'CliInputError';
  }
}

/** oclif's own parse errors (unknown flag, missing argument) carry their exit code here. */
interface OclifError {
  oclif?: { exit?: number };
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof CliInputError || err instanceof ReferralInputError || err instanceof DivipolaFileError || err instanceof ConfigError) {
    return EXIT_BAD_INPUT;
  }
  const oclifExit = (err as OclifError | undefined)?.oclif?.exit;
  if (typeof oclifExit === 'number') return oclifExit;
  return EXIT_FAILURE;
}
