/**
 * What every `pro` command shares: parsed flags and args, `--json`, opening the same store as the bot
 * (the running bot's embedded server when one is up), closing it before exit so the embedded snapshot
 * is saved, and turning errors into the exit codes of DESIGN.md (2 bad input, 1 failure).
 */
import os from 'node:os';
import { Command, Errors, Flags, Interfaces } from '@oclif/core';
import pino from 'pino';
import { loadConfig } from '../bot/config';
import { ReferralRepository } from '../bot/referrals';
import { openStore, Store } from '../bot/storage/openStore';
import { exitCodeOf } from './cliErrors';
import { messages, Problem } from './messages';

export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>;
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

/** The OS user, for the audit; some containers run as a uid with no name. */
export function defaultActor(): string {
  try {
    return os.userInfo().username || process.env.USER || 'unknown';
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** `--actor`, for commands that change the directory. */
export const actorFlag = Flags.string({ description: messages.actorFlag, default: async () => defaultActor() });

/** Errors that list problems (rows, fields) print them one per line before the summary. */
interface WithProblems {
  problems?: unknown[];
}

/**
 * Base of all `pro` commands.
 *
 * @example
 * export default class Show extends BaseCommand<typeof Show> {
 *   async run() { const repo = await this.repository(); … }
 * }
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true;

  protected flags!: CommandFlags<T>;
  protected args!: CommandArgs<T>;
  private store: Store | undefined;

  override async init(): Promise<void> {
    await super.init();
    const { args, flags } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    });
    this.flags = flags as CommandFlags<T>;
    this.args = args as CommandArgs<T>;
  }

  /** The store the bot uses (COSMOS_* variables, else the embedded store), opened once per command. */
  protected async openStore(): Promise<Store> {
    if (!this.store) {
      const config = loadConfig();
      // Logs go to stderr so they never mix with a command's output (or its --json).
      const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn', base: { service: 'pro-cli' } }, pino.destination(2));
      // A running bot owns the embedded store and the command uses its server; otherwise the command
      // holds DATA_DIR itself until it exits, and a bot starting meanwhile waits for it.
      const command = `pro ${(this.id ?? '').replace(/:/g, ' ')}`.trim();
      this.store = await openStore(config.cosmos, { stateTtlDays: config.stateTtlDays, owner: { role: 'cli', command }, logger });
    }
    return this.store;
  }

  protected async repository(): Promise<ReferralRepository> {
    const store = await this.openStore();
    return new ReferralRepository(store.containers.referrals, store.containers.audit);
  }

  /** Maps the error to its exit code; with --json prints `{ error: { name, message, exitCode, …details } }`. */
  override async catch(err: Error & WithProblems): Promise<unknown> {
    const exitCode = exitCodeOf(err);
    process.exitCode = exitCode;
    if (this.jsonEnabled()) {
      this.logJson(this.toErrorJson(err));
      return undefined;
    }
    if ((err as { oclif?: unknown }).oclif) throw err; // oclif's own errors already carry their exit code and help
    if (!Array.isArray(err.problems)) throw new Errors.CLIError(err.message, { exit: exitCode });
    // One line per problem (never wrapped, easy to grep), then a one-line summary.
    for (const problem of err.problems) this.logToStderr(this.formatProblem(problem as Problem));
    throw new Errors.CLIError(err.message.split('\n')[0].replace(/:$/, ''), { exit: exitCode });
  }

  /** How one problem of an error that lists them is printed. */
  protected formatProblem(problem: Problem): string {
    return messages.problem(problem);
  }

  override toErrorJson(err: unknown): { error: Record<string, unknown> } {
    const error = err instanceof Error ? err : new Error(String(err));
    // Our errors carry plain context (id, problems, file…); oclif's carry its whole parser state: leave that out.
    const details = (error as { oclif?: unknown }).oclif ? {} : { ...error };
    return { error: { ...details, name: error.name, message: error.message, exitCode: exitCodeOf(err) } };
  }

  /** Always close: a store the command opened itself is compacted and released, and open sockets would keep the process alive. */
  override async finally(err: Error | undefined): Promise<unknown> {
    const store = this.store;
    this.store = undefined;
    if (store) await store.close();
    return super.finally(err);
  }
}
