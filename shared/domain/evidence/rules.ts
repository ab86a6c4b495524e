/**
 * Pure rules of the evidence register and of legal and disclosure holds (docs/evidence.md). No I/O:
 * the service reads, these decide, the unit of work writes.
 */
import type { ActiveHold } from '../../db/entities/incident.js';
import { ConflictError, ForbiddenError, UnprocessableError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import { type Audience, DEFAULT_AUDIENCE, DEFAULT_HELD_AUDIENCES } from '../../model/disclosure.js';

/** The active legal holds that cover an item: the incident's own, and the item's. */
export function legalHoldsOn(holds: readonly ActiveHold[] | undefined, evidenceId: string): string[] {
  return (holds ?? [])
    .filter((h) => h.kind === 'legal' && (h.evidenceId === undefined || h.evidenceId === evidenceId))
    .map((h) => h.holdId);
}

/** 409 LEGAL_HOLD naming the holds, when any active legal hold covers the item. */
export function assertNotHeld(
  holds: readonly ActiveHold[] | undefined,
  evidenceId: string,
  what: string,
): void {
  const held = legalHoldsOn(holds, evidenceId);
  if (held.length === 0) return;
  throw new ConflictError(
    `${evidenceId} is under legal hold (${held.join(', ')}): it cannot be ${what}`,
    held.map((holdId) => ({ field: 'path.evidenceId', message: `held by ${holdId}`, holdId })),
    'LEGAL_HOLD',
  );
}

/** The audiences a disclosure hold holds back (the request's, else public and customer disclosure). */
export const heldAudiences = (requested: readonly Audience[] | undefined): Audience[] => [
  ...new Set(requested ?? DEFAULT_HELD_AUDIENCES),
];

/** The active disclosure holds that hold back this audience. */
export function disclosureHoldsFor(
  holds: readonly ActiveHold[] | undefined,
  audience: Audience,
): ActiveHold[] {
  return (holds ?? []).filter((h) => h.kind === 'disclosure' && (h.audiences ?? []).includes(audience));
}

export type DisclosureDecision =
  | { readonly allowed: true; readonly override?: undefined }
  | { readonly allowed: true; readonly override: { readonly holds: string[]; readonly reason: string } };

/**
 * May an outbound communication to `audience` go out now? Inbound communications and audiences no
 * hold names: yes. Held: 409 DISCLOSURE_HOLD naming the holds, unless an admin gives an
 * `overrideReason` (recorded); anyone else's override: 403.
 */
export function decideDisclosure(
  caller: Caller,
  holds: readonly ActiveHold[] | undefined,
  communication: {
    direction: 'inbound' | 'outbound';
    audience?: Audience | undefined;
    overrideReason?: string | undefined;
  },
): DisclosureDecision {
  const audience = communication.audience ?? DEFAULT_AUDIENCE;
  const blocking = communication.direction === 'outbound' ? disclosureHoldsFor(holds, audience) : [];
  if (blocking.length === 0) return { allowed: true };
  const ids = blocking.map((h) => h.holdId);
  if (communication.overrideReason === undefined) {
    throw new ConflictError(
      `Disclosure to ${audience} is on hold (${ids.join(', ')}); an admin may override with overrideReason`,
      ids.map((holdId) => ({ field: 'body.audience', message: `held back by ${holdId}`, holdId })),
      'DISCLOSURE_HOLD',
    );
  }
  if (!caller.roles.includes('admin')) {
    throw new ForbiddenError(`Only an admin may override disclosure hold ${ids.join(', ')}`, [
      { field: 'body.overrideReason', message: 'only an admin may override a disclosure hold' },
    ]);
  }
  return { allowed: true, override: { holds: ids, reason: communication.overrideReason } };
}

/**
 * The uploaded object against what was registered: the size and the SHA-256 must match, else 422
 * (the item stays unconfirmed; upload again with the same URL's conditions and confirm again).
 */
export function checkUpload(
  registered: { sha256: string; size: number },
  stored: { size: number; sha256: string },
): void {
  const details = [];
  if (stored.size !== registered.size) {
    details.push({
      field: 'object.size',
      message: `uploaded ${stored.size} bytes, registered ${registered.size}`,
    });
  }
  if (stored.sha256 !== registered.sha256) {
    details.push({
      field: 'object.sha256',
      message: `uploaded SHA-256 ${stored.sha256}, registered ${registered.sha256}`,
    });
  }
  if (details.length > 0) {
    throw new UnprocessableError(
      'The uploaded file is not the registered one (SHA-256 or size differs); the item stays unconfirmed',
      details,
      'EVIDENCE_HASH_MISMATCH',
    );
  }
}
