/**
 * Escalation policies (`ESCPOLICY#<id>`): ordered levels of recipients with a timeframe each.
 * Referenced contacts are protected from deletion through the contact's `referencedBy` set
 * (`policy:<id>`, `shared/domain/contacts/references.ts`), changed in the policy's own transaction;
 * referenced organizations are ConditionChecks. One TransactWriteItems per write, conditioned on the
 * policy `version`.
 */

import type { StoredPolicy } from '../../db/entities/escalation-policy.js';
import { NotFoundError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  CreateEscalationPolicyBody,
  EscalationPolicy,
  ListEscalationPoliciesQuery,
  PolicyLevel,
  UpdateEscalationPolicyBody,
} from '../../schemas/escalation.js';
import { referenceChange } from '../contacts/references.js';
import type { Deps } from '../deps.js';
import { withOptimisticRetry } from '../retry.js';
import { invalidateEscalationCache } from './cache.js';
import { validatePolicyLevels } from './rules.js';

/** The policy; 404 when unknown. */
export async function getPolicy(deps: Deps, id: string): Promise<StoredPolicy> {
  const policy = await deps.repos.policies.get(id);
  if (!policy) throw new NotFoundError(`Escalation policy ${id} not found`);
  return policy;
}

const contactsOf = (levels: readonly PolicyLevel[]) => [...new Set(levels.flatMap((l) => l.contacts ?? []))];

/** `(contactId, field)` of every contact a level names (first mention). */
function contactFields(levels: readonly PolicyLevel[]) {
  const out: { contactId: string; field: string }[] = [];
  for (const [i, l] of levels.entries()) {
    for (const [j, contactId] of (l.contacts ?? []).entries()) {
      if (!out.some((o) => o.contactId === contactId))
        out.push({ contactId, field: `body.levels.${i}.contacts.${j}` });
    }
  }
  return out;
}

function organizationFields(levels: readonly PolicyLevel[]) {
  const out: { id: string; field: string }[] = [];
  for (const [i, l] of levels.entries()) {
    for (const [j, id] of (l.organizations ?? []).entries()) {
      if (!out.some((o) => o.id === id)) out.push({ id, field: `body.levels.${i}.organizations.${j}` });
    }
  }
  return out;
}

/**
 * The policy (conditioned on `expectedVersion`), ConditionChecks for its organizations and the
 * `referencedBy` changes of its contacts, in ONE transaction. `fieldLevels` are the levels as the
 * request listed them (for the field names of a 400).
 */
async function write(
  deps: Deps,
  policy: StoredPolicy,
  expectedVersion: number | null,
  before: readonly PolicyLevel[],
  fieldLevels: readonly PolicyLevel[] | undefined,
): Promise<void> {
  const contactRefs = deps.repos.contacts.referenceParts({
    ref: `policy:${policy.id}`,
    ...referenceChange(contactsOf(before), contactFields(fieldLevels ?? policy.levels)),
  });
  const orgs = fieldLevels ? organizationFields(fieldLevels) : [];
  await deps.repos.policies.write(policy, expectedVersion, orgs, contactRefs);
  invalidateEscalationCache();
}

export async function createPolicy(
  deps: Deps,
  caller: Caller,
  body: CreateEscalationPolicyBody,
): Promise<EscalationPolicy> {
  const levels = validatePolicyLevels(body.levels);
  const at = deps.now().toISOString();
  const policy: StoredPolicy = {
    id: body.id ?? `POL-${deps.newId()}`,
    name: body.name,
    ...(body.description ? { description: body.description } : {}),
    levels,
    ...(body.autoStart ? { autoStart: body.autoStart } : {}),
    version: 1,
    createdAt: at,
    createdBy: caller.subject,
    updatedAt: at,
    updatedBy: caller.subject,
  };
  await write(deps, policy, null, [], body.levels);
  return policy;
}

export function updatePolicy(
  deps: Deps,
  caller: Caller,
  id: string,
  body: UpdateEscalationPolicyBody,
): Promise<EscalationPolicy> {
  return withOptimisticRetry(async () => {
    const current = await getPolicy(deps, id);
    const levels = body.levels ? validatePolicyLevels(body.levels) : current.levels;
    const { autoStart: _a, description: _d, ...rest } = current;
    const autoStart = body.autoStart === undefined ? current.autoStart : (body.autoStart ?? undefined);
    const description = body.description ?? current.description;
    const next: StoredPolicy = {
      ...rest,
      ...(body.name ? { name: body.name } : {}),
      ...(description ? { description } : {}),
      levels,
      ...(autoStart ? { autoStart } : {}),
      version: current.version + 1,
      updatedAt: deps.now().toISOString(),
      updatedBy: caller.subject,
    };
    await write(deps, next, current.version, current.levels, body.levels);
    return next;
  });
}

export async function listPolicies(
  deps: Deps,
  query: ListEscalationPoliciesQuery,
): Promise<{ items: EscalationPolicy[]; nextCursor: string | null }> {
  return deps.repos.policies.list(query);
}

/** Policies with `autoStart` (the sparse gsi2 partition). */
export async function autoStartPolicies(deps: Deps): Promise<EscalationPolicy[]> {
  return deps.repos.policies.autoStart();
}
