/**
 * Organizations (one id space with third parties: a third party is the organization of kind
 * `supplier`) and their sharing agreements (`ORG#<id>` / `AGREEMENT#<agrId>`, same item collection).
 */

import type { StoredAgreement } from '../../db/entities/agreement.js';
import type {
  StoredOrganization,
  StoredOtherOrganization,
  StoredReferences,
} from '../../db/entities/organization.js';
import type { TransactPart } from '../../db/repositories.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type { Tlp } from '../../schemas/common.js';
import type {
  Agreement,
  CreateAgreementBody,
  CreateOrganizationBody,
  ListOrganizationsQuery,
  Organization,
  UpdateAgreementBody,
  UpdateOrganizationBody,
} from '../../schemas/organizations.js';
import { referenceChange } from '../contacts/references.js';
import type { Deps } from '../deps.js';
import { withOptimisticRetry } from '../retry.js';
import type { OrganizationTlpReader } from '../tlp/ceilings.js';
import { agreementStatus, organizationTlp } from '../tlp/rules.js';

export type { StoredReferences };

/** The contact-reference fields of an organization update (`escalationContactIds`, `ownerContactId`). */
export interface ContactReferenceUpdate {
  readonly escalationContactIds?: string[] | undefined;
  readonly ownerContactId?: string | null | undefined;
}

/**
 * An organization's new escalation contacts / owner: the attributes to store and the `referencedBy`
 * changes of the contacts involved (written in the organization's transaction). Escalation contacts
 * must be live contacts of the organization itself; the owner any live contact.
 */
export function contactReferenceChanges(
  deps: Deps,
  organizationId: string,
  current: StoredReferences,
  body: ContactReferenceUpdate,
): {
  fields: { escalationContactIds?: string[]; ownerContactId?: string | undefined };
  refs: TransactPart[];
} {
  const refs: TransactPart[] = [];
  const fields: { escalationContactIds?: string[]; ownerContactId?: string | undefined } = {};
  if (body.escalationContactIds !== undefined) {
    const before = current.escalationContactIds ?? [];
    const after = body.escalationContactIds;
    fields.escalationContactIds = after;
    refs.push(
      deps.repos.contacts.referenceParts({
        ref: `organization:${organizationId}#escalation`,
        ...referenceChange(
          before,
          after.map((contactId, i) => ({ contactId, field: `body.escalationContactIds.${i}` })),
        ),
        organizationId,
      }),
    );
  }
  if (body.ownerContactId !== undefined) {
    const before = current.ownerContactId;
    const after = body.ownerContactId ?? undefined;
    fields.ownerContactId = after;
    // One transaction cannot update a contact twice: a contact whose escalation reference changes in
    // this request cannot also gain or lose the owner reference in it.
    const wasEscalation = current.escalationContactIds ?? [];
    const isEscalation = body.escalationContactIds ?? wasEscalation;
    const escalationTouched = new Set(
      [...wasEscalation, ...isEscalation].filter(
        (id) => wasEscalation.includes(id) !== isEscalation.includes(id),
      ),
    );
    const both = before !== after ? [before, after].filter((id) => id && escalationTouched.has(id)) : [];
    if (both.length > 0) {
      throw new ValidationError('Change the owner and the escalation contacts in two requests', [
        {
          field: 'body.ownerContactId',
          message: `contact ${both[0]} is also changed as an escalation contact in this request`,
        },
      ]);
    }
    if (before !== after) {
      refs.push(
        deps.repos.contacts.referenceParts({
          ref: `organization:${organizationId}#owner`,
          ...referenceChange(
            before ? [before] : [],
            after ? [{ contactId: after, field: 'body.ownerContactId' }] : [],
          ),
        }),
      );
    }
  }
  return { fields, refs };
}

/**
 * An organization (or third party) after a PATCH: the body's fields applied, its contact references
 * (`escalationContactIds`, `ownerContactId`; null clears the owner) resolved, version bumped; and the
 * `referencedBy` changes to write with it (`writeWithReferences`).
 */
export function updatedWithReferences<
  T extends StoredReferences & { readonly version: number; readonly updatedAt: string },
>(
  deps: Deps,
  id: string,
  current: T,
  body: ContactReferenceUpdate & object,
): { next: T; refs: TransactPart[] } {
  const { escalationContactIds, ownerContactId, ...rest } = body;
  const { fields, refs } = contactReferenceChanges(deps, id, current, {
    escalationContactIds,
    ownerContactId,
  });
  const { ownerContactId: previousOwner, ...unchanged } = current;
  const owner = 'ownerContactId' in fields ? fields.ownerContactId : previousOwner;
  // The body's fields are the stored ones of the same kind (the schemas of T's PATCH).
  const next = {
    ...unchanged,
    ...rest,
    ...(fields.escalationContactIds ? { escalationContactIds: fields.escalationContactIds } : {}),
    ...(owner ? { ownerContactId: owner } : {}),
    updatedAt: deps.now().toISOString(),
    version: current.version + 1,
  } as T;
  return { next, refs };
}

/**
 * Any organization (third party or not) as the API shows it: the stored one without `createdBy`
 * (`escalationContactIds` is absent on organizations that never named any, as before).
 */
export function organizationView(org: StoredOrganization): Organization {
  const { createdBy: _by, ...view } = org;
  return view as Organization;
}

export async function createOrganization(
  deps: Deps,
  caller: Caller,
  body: CreateOrganizationBody,
): Promise<Organization> {
  if (body.kind === 'supplier') {
    throw new ValidationError('Suppliers are registered as third parties: POST /third-parties', [
      { field: 'body.kind', message: 'supplier organizations are created with POST /third-parties' },
    ]);
  }
  const now = deps.now().toISOString();
  const org: StoredOtherOrganization = {
    id: body.id ?? `ORG-${deps.newId()}`,
    name: body.name,
    kind: body.kind,
    ...(body.description ? { description: body.description } : {}),
    ...(body.contactInfo ? { contactInfo: body.contactInfo } : {}),
    createdAt: now,
    updatedAt: now,
    createdBy: caller.subject,
    version: 1,
  };
  await deps.repos.organizations.create(org);
  return organizationView(org);
}

/** The stored organization (any kind); 404 when unknown. */
export async function loadOrganization(
  deps: Deps,
  id: string,
  consistent = false,
): Promise<StoredOrganization> {
  const org = await deps.repos.organizations.get(id, consistent);
  if (!org) throw new NotFoundError(`Organization ${id} not found`);
  return org;
}

export async function getOrganization(deps: Deps, id: string): Promise<Organization> {
  return organizationView(await loadOrganization(deps, id));
}

export async function updateOrganization(
  deps: Deps,
  _caller: Caller,
  id: string,
  body: UpdateOrganizationBody,
): Promise<Organization> {
  return withOptimisticRetry(async () => {
    const current = await loadOrganization(deps, id, true);
    if (current.kind === 'supplier') {
      throw new ConflictError(
        `Organization ${id} is a third party; change it with PATCH /third-parties/${id}`,
        [{ field: 'path.organizationId', message: 'is a third party (kind supplier)' }],
        'MANAGED_AS_THIRD_PARTY',
      );
    }
    const { next, refs } = updatedWithReferences(deps, id, current, body);
    await deps.repos.organizations.replace(next, current.version, refs);
    return organizationView(next);
  });
}

export async function listOrganizations(
  deps: Deps,
  query: ListOrganizationsQuery,
): Promise<{ items: Organization[]; nextCursor: string | null }> {
  const page = await deps.repos.organizations.list(query);
  return { items: page.items.map(organizationView), nextCursor: page.nextCursor };
}

// ---------- sharing agreements ----------

const agreementView = (a: StoredAgreement, now: Date): Agreement => ({
  ...a,
  status: agreementStatus(a, now),
});

function assertExpiryAfterSigning(a: { signedAt: string; expiresAt?: string | null }): void {
  if (a.expiresAt && Date.parse(a.expiresAt) <= Date.parse(a.signedAt)) {
    throw new ValidationError('expiresAt must be after signedAt', [
      { field: 'body.expiresAt', message: `must be after signedAt (${a.signedAt})` },
    ]);
  }
}

export async function createAgreement(
  deps: Deps,
  caller: Caller,
  organizationId: string,
  body: CreateAgreementBody,
): Promise<Agreement> {
  assertExpiryAfterSigning(body);
  const now = deps.now();
  const at = now.toISOString();
  const agreement: StoredAgreement = {
    id: body.id ?? `AGR-${deps.newId()}`,
    organizationId,
    type: body.type,
    reference: body.reference,
    signedAt: body.signedAt,
    expiresAt: body.expiresAt ?? null,
    tlpCeiling: body.tlpCeiling,
    ...(body.handlingCaveats ? { handlingCaveats: body.handlingCaveats } : {}),
    revokedAt: null,
    revokedBy: null,
    createdAt: at,
    createdBy: caller.subject,
    updatedAt: at,
    version: 1,
  };
  await deps.repos.organizations.createAgreement(agreement);
  return agreementView(agreement, now);
}

/**
 * The organization's agreements (one Query on its item collection: `#ORG` … `AGREEMENT#…` are
 * adjacent, incident links `INC#…` sort after them) and its effective TLP ceiling now.
 */
export async function organizationAgreements(
  deps: Deps,
  organizationId: string,
): Promise<{ agreements: StoredAgreement[]; effectiveTlpCeiling: Tlp; internal: boolean }> {
  const found = await deps.repos.organizations.withAgreements(organizationId);
  if (!found) throw new NotFoundError(`Organization ${organizationId} not found`);
  const { organization, agreements } = found;
  const internal = organization.kind === 'internal';
  return {
    agreements,
    effectiveTlpCeiling: organizationTlp({ internal, agreements }, deps.now()).ceiling,
    internal,
  };
}

/** The TLP module's read of an organization's standing (undefined: not in the directory). */
export const organizationTlpReader =
  (deps: Deps): OrganizationTlpReader =>
  (organizationId) =>
    organizationAgreements(deps, organizationId).then(
      ({ effectiveTlpCeiling, internal }) => ({ ceiling: effectiveTlpCeiling, internal }),
      (error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      },
    );

export async function listAgreements(
  deps: Deps,
  organizationId: string,
): Promise<{ items: Agreement[]; effectiveTlpCeiling: Tlp }> {
  const now = deps.now();
  const { agreements, effectiveTlpCeiling } = await organizationAgreements(deps, organizationId);
  return { items: agreements.map((a) => agreementView(a, now)), effectiveTlpCeiling };
}

export async function updateAgreement(
  deps: Deps,
  caller: Caller,
  organizationId: string,
  agreementId: string,
  body: UpdateAgreementBody,
): Promise<Agreement> {
  return withOptimisticRetry(async () => {
    const current = await deps.repos.organizations.getAgreement(organizationId, agreementId);
    if (!current) throw new NotFoundError(`Agreement ${agreementId} of ${organizationId} not found`);
    if (current.revokedAt) {
      throw new ConflictError(
        `Agreement ${agreementId} was revoked at ${current.revokedAt}`,
        [{ field: 'path.agreementId', message: 'agreement is revoked' }],
        'AGREEMENT_REVOKED',
      );
    }
    const now = deps.now();
    const at = now.toISOString();
    const { revoke, ...changes } = body;
    const next: StoredAgreement = {
      ...current,
      ...changes,
      ...(revoke ? { revokedAt: at, revokedBy: caller.subject } : {}),
      updatedAt: at,
      version: current.version + 1,
    };
    assertExpiryAfterSigning(next);
    await deps.repos.organizations.replaceAgreement(next, current.version);
    return agreementView(next, now);
  });
}
