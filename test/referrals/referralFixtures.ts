/** Referrals for tests: valid entries with just the fields a test cares about changed. */
import type { Referral } from '../../bot/referrals';

export function referral(overrides: Partial<Referral> & Pick<Referral, 'id'>): Referral {
  return {
    name: `Servicio ${overrides.id}`,
    organization: 'Organización de prueba',
    services: ['orientation'],
    departmentCode: '54',
    municipalityCode: '54001',
    phone: ['+576075755555'],
    whatsapp: [],
    email: [],
    populations: [],
    languages: [],
    verifiedAt: '2025-11-20',
    active: true,
    ...overrides,
  };
}

/** A national line: no department, no municipality. */
export function nationalLine(id: string, overrides: Partial<Referral> = {}): Referral {
  const { departmentCode: _d, municipalityCode: _m, ...rest } = referral({ id, phone: ['155'], ...overrides });
  return rest;
}
