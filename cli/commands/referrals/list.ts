import { Flags } from '@oclif/core';
import { GeoDirectory } from '../../../bot/geo';
import { Referral, SERVICE_KINDS, ServiceKind } from '../../../bot/referrals';
import { BaseCommand } from '../../baseCommand';
import { messages } from '../../messages';
import { placeCodesOf } from '../../placeFlags';
import { referralLine } from '../../referralText';

export interface ListResult {
  count: number;
  referrals: Referral[];
}

export default class List extends BaseCommand<typeof List> {
  static override summary = 'List referrals by place, service or words.';

  static override description = 'List referrals, optionally by place, service or words in them (active ones unless --include-inactive).';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --municipality cucuta --service legal --include-national',
    '<%= config.bin %> <%= command.id %> --department "Norte de Santander" --search "pro point"',
    '<%= config.bin %> <%= command.id %> --include-inactive --json',
  ];

  static override flags = {
    department: Flags.string({ description: 'department: 2-digit DIVIPOLA code ("05") or name ("Norte de Santander")' }),
    municipality: Flags.string({ description: 'municipality: 5-digit DIVIPOLA code ("05001") or name ("cucuta", "la union narino")' }),
    service: Flags.string({ description: 'one service', options: [...SERVICE_KINDS] }),
    search: Flags.string({ description: 'words in the name, organisation, address, place or populations (accents and case ignored)' }),
    'include-inactive': Flags.boolean({ description: 'also list deactivated entries' }),
    'include-national': Flags.boolean({ description: 'with --department/--municipality: national lines too' }),
  };

  async run(): Promise<ListResult> {
    const geo = GeoDirectory.shipped();
    const place = placeCodesOf(this.flags.department, this.flags.municipality, geo);
    const repository = await this.repository();
    const stored = await repository.list({
      ...place,
      service: this.flags.service as ServiceKind | undefined,
      search: this.flags.search,
      includeInactive: this.flags['include-inactive'],
      includeNational: this.flags['include-national'],
    });
    const referrals = stored.map((s) => s.referral);
    if (!referrals.length) this.log(messages.noReferrals);
    for (const referral of referrals) this.log(referralLine(referral, geo));
    if (referrals.length) this.log(messages.listCount(referrals.length));
    return { count: referrals.length, referrals };
  }
}
