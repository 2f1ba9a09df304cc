import { Args, Flags } from '@oclif/core';
import { RemoveOutcome } from '../../../bot/referrals';
import { actorFlag, BaseCommand } from '../../baseCommand';
import { CliInputError } from '../../cliErrors';
import { confirm, isInteractive } from '../../confirm';
import { messages } from '../../messages';

export interface RemoveResult {
  id: string;
  /** "cancelled" when the admin answered no at the prompt. */
  outcome: RemoveOutcome | 'cancelled';
}

export default class Remove extends BaseCommand<typeof Remove> {
  static override summary = 'Deactivate a referral, or delete it with --hard.';

  static override description =
    'Deactivate a referral so people no longer see it (its data and history stay), or delete it for good with --hard. Asks first unless --yes. Removing something already removed is not an error.';

  static override examples = [
    '<%= config.bin %> <%= command.id %> cucuta-legal-aid',
    '<%= config.bin %> <%= command.id %> cucuta-legal-aid --yes',
    '<%= config.bin %> <%= command.id %> cucuta-legal-aid --hard --yes --json',
  ];

  static override args = {
    id: Args.string({ description: 'referral id', required: true }),
  };

  static override flags = {
    hard: Flags.boolean({ description: 'delete for good instead of deactivating' }),
    yes: Flags.boolean({ char: 'y', description: messages.yesFlag }),
    actor: actorFlag,
  };

  async run(): Promise<RemoveResult> {
    const { id } = this.args;
    const { hard, yes, actor } = this.flags;
    if (!yes && !isInteractive()) throw new CliInputError(messages.removeNeedsYes);
    const repository = await this.repository();
    if (!yes) {
      const current = await repository.get(id);
      if (current && (hard || current.referral.active) && !(await confirm(messages.confirmRemove(id, current.referral.name, hard)))) {
        this.log(messages.removeCancelled);
        return { id, outcome: 'cancelled' };
      }
    }
    const outcome = hard ? await repository.delete(id, actor) : await repository.deactivate(id, actor);
    this.log(messages.removed(id, outcome));
    return { id, outcome };
  }
}
