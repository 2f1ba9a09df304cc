import { Flags } from '@oclif/core';
import { GeoDirectory } from '../../../bot/geo';
import { Referral, ReferralValidationError, validateReferral } from '../../../bot/referrals';
import { foldWords } from '../../../bot/text/fold';
import { actorFlag, BaseCommand } from '../../baseCommand';
import { CliInputError } from '../../cliErrors';
import { messages } from '../../messages';
import { applyFieldFlags, referralFieldFlags } from '../../referralFlags';
import { placeOf } from '../../referralText';

export interface AddResult {
  referral: Referral;
}

/** A readable id from the name when none is given: "PRO Cúcuta" → "pro-cucuta-3f9a". */
function idFromName(name: string): string {
  const slug = foldWords(name).replace(/ /g, '-').slice(0, 60);
  return `${slug || 'referral'}-${Math.random().toString(16).slice(2, 6)}`;
}

export default class Add extends BaseCommand<typeof Add> {
  static override summary = 'Add a referral.';

  static override description = 'Add a referral. Give --department/--municipality, or --national for a line serving the whole country.';

  static override examples = [
    '<%= config.bin %> <%= command.id %> --id cucuta-legal-aid --name "Consultorio jurídico" --organization "Universidad X" --services legal --municipality cucuta --phone "607 5755555" --verified-at 2025-11-20',
    '<%= config.bin %> <%= command.id %> --name "Línea 155" --organization "Policía Nacional" --services gbv --national --phone 155 --json',
  ];

  static override flags = {
    id: Flags.string({ description: 'stable id (letters, digits, ".", "_", "-"); default: made from the name' }),
    ...referralFieldFlags,
    actor: actorFlag,
  };

  async run(): Promise<AddResult> {
    const geo = GeoDirectory.shipped();
    const { flags } = this;
    if (!flags.national && flags.department === undefined && flags.municipality === undefined) throw new CliInputError(messages.placeNeeded);
    const record = applyFieldFlags(
      {
        id: flags.id ?? (flags.name ? idFromName(flags.name) : ''),
        verified_at: new Date().toISOString().slice(0, 10),
        active: 'true',
      },
      flags,
      geo,
    );
    const result = validateReferral(record, { geo });
    if (!result.ok) throw new ReferralValidationError(record.id ?? '', result.problems);
    const stored = await (await this.repository()).add(result.referral, flags.actor);
    this.log(messages.added(stored.referral.id, placeOf(stored.referral, geo)));
    return { referral: stored.referral };
  }
}
