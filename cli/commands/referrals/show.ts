import { Args, Flags } from '@oclif/core';
import { GeoDirectory } from '../../../bot/geo';
import { AuditEntry, Referral, ReferralNotFoundError } from '../../../bot/referrals';
import { BaseCommand } from '../../baseCommand';
import { referralDetails } from '../../referralText';

export interface ShowResult {
  referral: Referral;
  updatedAt: string;
  updatedBy: string;
  history?: AuditEntry[];
}

export default class Show extends BaseCommand<typeof Show> {
  static override summary = 'Show one referral.';

  static override description = 'Show one referral with all its fields (and, with --history, who changed it when).';

  static override examples = ['<%= config.bin %> <%= command.id %> cucuta-pro-point', '<%= config.bin %> <%= command.id %> cucuta-pro-point --history --json'];

  static override args = {
    id: Args.string({ description: 'referral id', required: true }),
  };

  static override flags = {
    history: Flags.boolean({ description: 'include the audit trail' }),
  };

  async run(): Promise<ShowResult> {
    const repository = await this.repository();
    const stored = await repository.get(this.args.id);
    if (!stored) throw new ReferralNotFoundError(this.args.id);
    const history = this.flags.history ? await repository.history(this.args.id) : undefined;
    this.log(referralDetails(stored, GeoDirectory.shipped(), history));
    return { referral: stored.referral, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy, ...(history ? { history } : {}) };
  }
}
