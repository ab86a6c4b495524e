/**
 * Audiences of outbound communications and the evidence vocabulary (pure constants, no zod): the
 * schemas build their enums from them and the disclosure-hold rules (`shared/domain/evidence/`) use them.
 */

/** Who an outbound communication is for; a disclosure hold names the audiences it holds back. */
export const AUDIENCES = [
  'partners',
  'regulators',
  'law_enforcement',
  'customers',
  'media',
  'public',
] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Audience of a communication recorded without one. */
export const DEFAULT_AUDIENCE = 'partners' as const satisfies Audience;

/** What a disclosure hold holds back when the request names no audiences (public and customer disclosure). */
export const DEFAULT_HELD_AUDIENCES: readonly Audience[] = ['customers', 'media', 'public'];

export const HOLD_KINDS = ['legal', 'disclosure'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

export const EVIDENCE_TYPES = [
  'file',
  'log',
  'disk_image',
  'memory_image',
  'network_capture',
  'email',
  'document',
  'screenshot',
  'other',
] as const;

/** Largest evidence file accepted for a single presigned PUT (S3's single-PUT limit, 5 GiB). */
export const MAX_EVIDENCE_BYTES = 5 * 1024 ** 3;
