import { Args } from '@oclif/core';
import { GeoDirectory } from '../../../bot/geo';
import { Referral, ReferralColumn, ReferralNotFoundError, ReferralValidationError, toRecord, validateReferral } from '../../../bot/referrals';
import { actorFlag, BaseCommand } from '../../baseCommand';
import { messages } from '../../messages';
import { applyFieldFlags, referralFieldFlags } from '../../referralFlags';

export interface UpdateResult {
  referral: Referral;
  /** Columns that changed; empty when the flags matched what was stored (nothing written). */
  changed: ReferralColumn[];
}

export default class Update extends BaseCommand<typeof Update> {
  static override summary = 'Change fields of a referral.';

  static override description =
    'Change fields of a referral; fields not given stay as they are, an empty value ("") clears one. Fails without writing if someone else changed the entry meanwhile.';

  static override examples = [
    '<%= config.bin %> <%= command.id %> cucuta-legal-aid --phone "607 5755555;+57 305 7341182" --verified-at 2025-11-28',
    '<%= config.bin %> <%= command.id %> cucuta-legal-aid --municipality "villa del rosario"',
    '<%= config.bin %> <%= command.id %> cucuta-legal-aid --address "" --active --json',
  ];

  static override args = {
    id: Args.string({ description: 'referral id', required: true }),
  };

  static override flags = {
    ...referralFieldFlags,
    actor: actorFlag,
  };

  async run(): Promise<UpdateResult> {
    const geo = GeoDirectory.shipped();
    const repository = await this.repository();
    const current = await repository.get(this.args.id);
    if (!current) throw new ReferralNotFoundError(this.args.id);
    const record = applyFieldFlags(toRecord(current.referral), this.flags, geo);
    const result = validateReferral(record, { geo });
    if (!result.ok) throw new ReferralValidationError(this.args.id, result.problems);
    // The ETag of our read: the write is refused if anyone changed the entry since.
    const outcome = await repository.update(result.referral, current.etag, this.flags.actor);
    this.log(messages.updated(this.args.id, outcome.changed));
    return { referral: outcome.after.referral, changed: outcome.changed };
  }
}
