/**
 * Vocabulary of the regulatory catalogue that configuration and schemas need without loading the
 * catalogue itself (`shared/domain/obligations/regimes.ts`, 770 lines): its regime ids (a unit test
 * checks they match the catalogue, in order) and the sectors of `LIAISON_SECTOR`.
 */

export const REGIME_IDS = [
  'gdpr',
  'uk-gdpr',
  'nis2',
  'dora',
  'sec-8k',
  'hipaa',
  'nydfs',
  'circia',
  'au-ndb',
  'au-soci',
  'sg-pdpa',
  'in-certin',
  'br-lgpd',
] as const;
export type RegimeId = (typeof REGIME_IDS)[number];

/** Sector vocabulary of `LIAISON_SECTOR` and the catalogue. */
export const SECTORS = [
  'financial',
  'insurance',
  'healthcare',
  'energy',
  'transport',
  'water',
  'telecommunications',
  'digital-infrastructure',
  'ict-services',
  'public-administration',
  'manufacturing',
  'food',
  'chemicals',
  'defence',
  'education',
  'space',
  'listed',
] as const;
