/**
 * What one message already answers, so a dialog can skip the questions whose answer is known and
 * say in one line what it understood. Every field is optional: absent means "not said", never "no".
 *
 * Each field carries `evidence`: the normalised words it was read from, for debugging and tests.
 * Evidence is part of what the person typed, so it must never be logged or stored; keep an
 * Understanding only for the turn, or store {@link UnderstoodIds} (see `understoodIds.ts`).
 */
import type { ServiceKind } from '../../referrals/serviceKinds';
import type { PopulationGroup } from '../../profile/userProfile';
import type { ThemeId } from '../themes';

/** A value read from the message, with the words it was read from. */
export interface Understood<T> {
  value: T;
  evidence: string;
}

/** The permits people hold in Colombia; `none` is "no papers at all" (never "a permit I did not name"). */
export const PERMIT_IDS = ['ppt', 'pep', 'pep_tutor', 'visa_v', 'sc2', 'cedula_extranjeria', 'none'] as const;
export type PermitId = (typeof PERMIT_IDS)[number];

/** What the person said happened to their permit. */
export type PermitState = 'expired' | 'lost' | 'pending';

/** How the person named the child, so the one-line summary can say "tu bebé" or "tu hija". */
export type ChildWord = 'baby' | 'son' | 'daughter' | 'child' | 'children';

/** What was said about a child: that there is one, and where and when they were born, if said. */
export interface ChildInfo {
  word: ChildWord;
  birthplace?: 'colombia' | 'abroad';
  /** DIVIPOLA municipality code of a birth in Colombia, when the municipality was named. */
  birthMunicipalityCode?: string;
  birthYear?: number;
  /** 1–12, only with a month name next to the birth. */
  birthMonth?: number;
  /** Age in whole years when said ("de 3 años" → 3; "de 8 meses", "recién nacido" → 0). */
  ageYears?: number;
  /** Whether the child has a registro civil (birth registration), when said. */
  registered?: boolean;
  /** Whether the child has an ID document of a migrant (PPT, PEP, cédula de extranjería), when said. */
  hasDocument?: boolean;
}

/** Where the person is: a DIVIPOLA municipality (with its department) or a department alone. */
export interface PlaceCode {
  departmentCode: string;
  municipalityCode?: string;
}

/**
 * Situations that call for the protection warning (01 8000 522020) whatever the theme. Not the same
 * as an emergency (`emergencyDetector.ts`): an emergency is danger now and gets the emergency lines
 * at once; a risk signal may be an offer not yet taken ("me pagan el pasaje"), so it rides along
 * with the answer the person asked for.
 */
export const RISK_SIGNALS = ['job_abroad_travel_paid', 'documents_withheld', 'smuggler_debt', 'child_recruitment', 'threats'] as const;
export type RiskSignal = (typeof RISK_SIGNALS)[number];

export type RelativeWord = 'spouse' | 'parent' | 'sibling';

export interface Understanding {
  /** The theme, only when the theme router is confident. */
  theme?: Understood<ThemeId>;
  /** Two or three likely themes when the router is unsure (the dialog may offer them). */
  themeCandidates?: ThemeId[];
  group?: Understood<PopulationGroup>;
  permit?: Understood<PermitId>;
  permitState?: Understood<PermitState>;
  child?: Understood<ChildInfo>;
  place?: Understood<PlaceCode>;
  need?: Understood<ServiceKind>;
  pregnancy?: Understood<true>;
  /**
   * Health urgency: true for "ya", "urgente", "ahora mismo" next to a health problem; false for an
   * administrative health question ("cómo me afilio a una EPS"), so the emergency question can be skipped.
   */
  urgency?: Understood<boolean>;
  risks?: Understood<RiskSignal>[];
  /** A Venezuelan relative the person asks about ("mi esposo venezolano"): the permits asked about are theirs. */
  venezuelanRelative?: Understood<RelativeWord>;
  /** Whether the person already asked for refugee status ("pedí refugio": true; "no he pedido refugio": false). */
  asylumRequested?: Understood<boolean>;
  /** The person asks what something costs or whether it is free. */
  costQuestion?: Understood<true>;
}
