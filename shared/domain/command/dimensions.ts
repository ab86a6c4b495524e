/**
 * Participants of a coordination grouped by ISO/IEC 27035-4 dimension (pure). The rule:
 *  - an organization that is not an `internal` unit of the deploying organization is `external`;
 *  - an internal unit is `vertical` (part of the command line: executives, board, management,
 *    technical teams) when at least one of its live contacts is in a vertical stakeholder group
 *    (`dimensionOf` of `shared/domain/contacts/rules.ts`), otherwise `horizontal` (peer functions:
 *    IT, legal, HR, PR, compliance, physical security; also an internal unit without contacts);
 *  - an organization that no longer exists is listed as `external` with kind `unknown`.
 * Each participant appears exactly once.
 */
import type { Dimension, StakeholderGroup } from '../../schemas/contacts.js';
import { dimensionOf } from '../contacts/rules.js';

export interface Participant {
  readonly organizationId: string;
  readonly name: string;
  readonly kind: string;
  readonly dimension: Dimension;
}

export type ByDimension = Record<Dimension, Participant[]>;

/** The dimension of one participating organization, from its kind and its live contacts' groups. */
export function participantDimension(kind: string, contactGroups: readonly StakeholderGroup[]): Dimension {
  if (kind !== 'internal') return 'external';
  return contactGroups.some((g) => dimensionOf(g, kind) === 'vertical') ? 'vertical' : 'horizontal';
}

/** Participants grouped by dimension, each group sorted by name then id. */
export function groupByDimension(participants: readonly Participant[]): ByDimension {
  const out: ByDimension = { vertical: [], horizontal: [], external: [] };
  for (const p of participants) out[p.dimension].push(p);
  for (const list of Object.values(out)) {
    list.sort((a, b) => a.name.localeCompare(b.name) || a.organizationId.localeCompare(b.organizationId));
  }
  return out;
}
