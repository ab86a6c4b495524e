/**
 * Traffic Light Protocol 2.0 levels and their order (pure constant, no zod): the schemas build
 * `Tlp` from it and the TLP rules (`shared/domain/tlp/`) rank with it.
 */

/** TLP 2.0 levels, least to most restricted. */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

/**
 * TLP level of an incident created without one, and of incidents stored before TLP marking (the
 * incident entity reads those as this level; the rule is `incidentTlp` in `shared/domain/tlp/`).
 */
export const DEFAULT_INCIDENT_TLP = 'AMBER' as const satisfies Tlp;

/** CLEAR 0 < GREEN 1 < AMBER 2 < AMBER+STRICT 3 < RED 4. */
export const tlpRank = (level: Tlp): number => TLP_LEVELS.indexOf(level);
