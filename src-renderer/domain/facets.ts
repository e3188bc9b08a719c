/** Facets: the closed vocabularies of the domain. Labels live in i18n under `facet.<name>.<value>`. */

export const ACTOR_TYPES = [
  'resident',
  'residents_org',
  'municipality',
  'district',
  'administrator',
  'housing_corporation',
  'developer',
  'entrepreneur',
  'business_association',
  'knowledge_institution',
  'interest_group',
  'civic_initiative',
  'expert',
  'other'
] as const
export type ActorType = (typeof ACTOR_TYPES)[number]

/** Plaberum-aligned phases, in their own order (the facet's order is the phase order). */
export const PHASES = [
  'initiative',
  'exploration',
  'feasibility',
  'design',
  'realisation',
  'management'
] as const
export type Phase = (typeof PHASES)[number]

/** Amsterdam's four participation levels, lowest first. */
export const PARTICIPATION_LEVELS = ['informing', 'consulting', 'co_creating', 'co_deciding'] as const
export type ParticipationLevel = (typeof PARTICIPATION_LEVELS)[number]

/** Provenance of a record: shown everywhere, filterable. `illustrative` is invented demo content. */
export const STATUSES = ['confirmed', 'reported', 'inferred', 'illustrative'] as const
export type Status = (typeof STATUSES)[number]

export const CONSENT_LEVELS = ['named', 'pseudonymised', 'anonymous'] as const
export type ConsentLevel = (typeof CONSENT_LEVELS)[number]

export const POLARITIES = ['went_well', 'went_wrong', 'needs_attention'] as const
export type Polarity = (typeof POLARITIES)[number]

export const REVIEW_STATUSES = ['concept', 'tested', 'established'] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]

export const PROJECT_TYPES = [
  'werkplaats',
  'gebiedsontwikkeling',
  'initiatief',
  'programma',
  'bijeenkomst'
] as const
export type ProjectType = (typeof PROJECT_TYPES)[number]

export const THEME_TYPES = [
  'schijf',
  'schijfsegment',
  'beleid',
  'methode',
  'gebied',
  'bron',
  'overig'
] as const
export type ThemeType = (typeof THEME_TYPES)[number]

export const STANCES = ['agrees', 'disagrees', 'nuances', 'questions'] as const
export type Stance = (typeof STANCES)[number]

/** Every facet by name, for forms, filters, search labels and i18n completeness tests. */
export const FACETS = {
  actorType: ACTOR_TYPES,
  phase: PHASES,
  participationLevel: PARTICIPATION_LEVELS,
  status: STATUSES,
  consent: CONSENT_LEVELS,
  polarity: POLARITIES,
  reviewStatus: REVIEW_STATUSES,
  projectType: PROJECT_TYPES,
  themeType: THEME_TYPES,
  stance: STANCES
} as const
export type FacetName = keyof typeof FACETS
