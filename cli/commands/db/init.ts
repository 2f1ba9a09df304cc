import { Flags } from '@oclif/core';
import { containerSpecs } from '../../../bot/storage/containers';
import { seedNationalLines } from '../../../bot/referrals';
import { actorFlag, BaseCommand } from '../../baseCommand';
import { messages } from '../../messages';

export interface DbInitResult {
  store: 'embedded' | 'cosmos';
  database: string;
  containers: string[];
  /** National lines added by --seed (0 when they were already there or --seed was not given). */
  seeded: number;
}

export default class Init extends BaseCommand<typeof Init> {
  static override summary = 'Create the database and containers (idempotent); --seed adds the national lines.';

  static override description =
    'Create the Cosmos DB database and containers the bot needs (safe to run again: existing ones are kept). With --seed, load the shipped national lines into an empty directory.';

  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --seed --json'];

  static override flags = {
    seed: Flags.boolean({ description: 'load the shipped national lines when none are stored yet' }),
    actor: actorFlag,
  };

  async run(): Promise<DbInitResult> {
    // Opening the store creates whatever is missing (openStore → ensureContainers).
    const store = await this.openStore();
    const containers = containerSpecs(30).map((spec) => spec.id);
    const seeded = this.flags.seed ? await seedNationalLines(await this.repository(), this.flags.actor) : 0;
    this.log(messages.dbReady(store.kind, store.database.id, containers));
    if (this.flags.seed) this.log(messages.seeded(seeded));
    return { store: store.kind, database: store.database.id, containers, seeded };
  }
}
