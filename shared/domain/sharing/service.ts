/**
 * Information sharing (docs/sharing.md): indicators and sightings of an incident, its STIX 2.1
 * export for a recipient, TAXII collections (admin-defined), and the sharing ledger that records
 * everything that leaves the organization.
 */
import { sharingConfig } from '../../config.js';
import type { StoredIndicator } from '../../db/entities/indicator.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type { Tlp } from '../../model/tlp.js';
import type { Lesson } from '../../schemas/incidents.js';
import type {
  Collection,
  CreateCollectionBody,
  CreateIndicatorBody,
  CreateSightingBody,
  Indicator,
  LedgerEntry,
  LedgerQuery,
  UpdateCollectionBody,
} from '../../schemas/sharing.js';
import { assertMaySeeIncident, partnerOrganization } from '../access/partner.js';
import type { Deps } from '../deps.js';
import { organizationTlpReader } from '../organizations/service.js';
import { assertCollectionCeiling, itemMarking, sharingCeiling, tlpRank } from '../tlp/rules.js';
import {
  bundleOf,
  defaultPattern,
  incidentStixObjects,
  type OrganizationFacts,
  type Shareable,
  shareableObjects,
} from './stix.js';

const publicIndicator = ({ incidentId: _, ...rest }: StoredIndicator): Indicator => rest;

// ---------------------------------------------------------------- indicators

export async function createIndicator(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateIndicatorBody,
): Promise<Indicator> {
  const incident = await deps.repos.incidents.get(incidentId);
  const tlp = itemMarking(incident, body.tlp);
  const now = deps.now().toISOString();
  const value = /^(md5|sha1|sha256|domain-name|email-addr)$/.test(body.type)
    ? body.value.toLowerCase()
    : body.value;
  const indicator: StoredIndicator = {
    incidentId,
    indicatorId: `IND-${deps.newId()}`,
    type: body.type,
    value,
    ...(body.name ? { name: body.name } : {}),
    ...(body.description ? { description: body.description } : {}),
    pattern: body.pattern ?? defaultPattern(body.type, value),
    tlp,
    validFrom: body.validFrom ?? now,
    ...(body.labels ? { labels: body.labels } : {}),
    sightings: [],
    recordedAt: now,
    recordedBy: caller.subject,
    modifiedAt: now,
    version: 1,
  };
  await deps.repos.sharing.writeIndicator(indicator, null);
  return publicIndicator(indicator);
}

export async function listIndicators(deps: Deps, incidentId: string): Promise<{ items: Indicator[] }> {
  await deps.repos.incidents.get(incidentId);
  return { items: (await deps.repos.sharing.indicators(incidentId)).map(publicIndicator) };
}

export const MAX_SIGHTINGS = 200;

export async function addSighting(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  indicatorId: string,
  body: CreateSightingBody,
): Promise<Indicator> {
  const current = await deps.repos.sharing.getIndicator(incidentId, indicatorId);
  if (!current) throw new NotFoundError(`Indicator ${indicatorId} not found on incident ${incidentId}`);
  if (body.organizationId) {
    const org = await deps.repos.organizations.get(body.organizationId);
    if (!org)
      throw new NotFoundError(`Organization ${body.organizationId} not found`, [
        { field: 'body.organizationId', message: 'unknown organization' },
      ]);
  }
  if (current.sightings.length >= MAX_SIGHTINGS)
    throw new ConflictError(`At most ${MAX_SIGHTINGS} sightings per indicator`, [], 'TOO_MANY_SIGHTINGS');
  const now = deps.now().toISOString();
  const next: StoredIndicator = {
    ...current,
    sightings: [
      ...current.sightings,
      {
        sightingId: `SIGHT-${current.sightings.length + 1}`,
        firstSeen: body.firstSeen,
        lastSeen: body.lastSeen ?? body.firstSeen,
        count: body.count ?? 1,
        ...(body.organizationId ? { organizationId: body.organizationId } : {}),
        ...(body.note ? { note: body.note } : {}),
        recordedAt: now,
        recordedBy: caller.subject,
      },
    ],
    modifiedAt: now,
    version: current.version + 1,
  };
  await deps.repos.sharing.writeIndicator(next, current.version);
  return publicIndicator(next);
}

// ---------------------------------------------------------------- STIX objects of an incident

const MAX_LESSONS = 1000;

async function lessonsOf(deps: Deps, incidentId: string): Promise<Lesson[]> {
  const out: Lesson[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.repos.incidents.children(incidentId, 'lessonsLearned', {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < MAX_LESSONS);
  return out;
}

/** Every STIX object of an incident, unfiltered (reads: the incident, its indicators, lessons, organizations). */
export async function incidentObjects(deps: Deps, incidentId: string): Promise<Shareable[]> {
  const incident = await deps.repos.incidents.get(incidentId);
  const [indicators, lessons] = await Promise.all([
    deps.repos.sharing.indicators(incidentId),
    lessonsOf(deps, incidentId),
  ]);
  const orgIds = [...new Set([...incident.affectedThirdParties, ...(incident.participants ?? [])])];
  const orgs = await Promise.all(orgIds.map((id) => deps.repos.organizations.get(id)));
  const organizations = new Map<string, OrganizationFacts>();
  for (const o of orgs) if (o) organizations.set(o.id, o);
  return incidentStixObjects({
    incident,
    operatorName: sharingConfig().operatorName,
    organizations,
    indicators: indicators.map(publicIndicator),
    lessons,
  });
}

/** The highest TLP among shared objects (CLEAR when none). */
const highest = (objects: readonly Shareable[]): Tlp =>
  objects.reduce<Tlp>((h, s) => (tlpRank(s.tlp) > tlpRank(h) ? s.tlp : h), 'CLEAR');

/** The ledger's record of objects of one incident shared in one act. */
export function ledgerEntryFor(
  deps: Deps,
  facts: Omit<LedgerEntry, 'entryId' | 'at' | 'tlp' | 'objects'> & { objects: readonly Shareable[] },
): LedgerEntry {
  const { objects, ...rest } = facts;
  return {
    entryId: `LEDGER-${deps.newId()}`,
    at: deps.now().toISOString(),
    ...rest,
    tlp: highest(objects),
    objects: objects.map((s) => ({ id: s.object.id, version: s.version })),
  };
}

/**
 * `GET /incidents/{id}/stix`: the bundle for a recipient organization (`organization`, or the
 * partner's own) under its agreement ceiling, recorded in the ledger; an internal caller naming
 * none gets every object (recorded too: an export may leave the organization).
 */
export async function exportIncidentStix(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  query: { organization?: string | undefined },
) {
  const incident = await deps.repos.incidents.get(incidentId);
  assertMaySeeIncident(caller, incident);
  const recipient = partnerOrganization(caller) ?? query.organization;
  let ceiling: Tlp | undefined;
  if (recipient !== undefined) {
    const standing = await organizationTlpReader(deps)(recipient);
    if (!standing)
      throw new NotFoundError(`Organization ${recipient} not found`, [
        { field: 'query.organization', message: 'unknown organization' },
      ]);
    ceiling = sharingCeiling(standing.ceiling, { organizations: 1 });
  }
  const objects = shareableObjects(await incidentObjects(deps, incidentId), ceiling);
  const own = objects.filter((s) => s.incidentId !== undefined);
  await deps.repos.sharing.record([
    ledgerEntryFor(deps, {
      channel: 'stix-export',
      incidentId,
      ...(recipient ? { organizationId: recipient } : {}),
      by: caller.subject,
      objects: own,
    }),
  ]);
  return bundleOf(objects);
}

// ---------------------------------------------------------------- collections

const collectionNotFound = (id: string) => new NotFoundError(`Collection ${id} not found`);

export async function createCollection(
  deps: Deps,
  caller: Caller,
  body: CreateCollectionBody,
): Promise<Collection> {
  assertCollectionCeiling(body.tlpCeiling, new Set(body.organizationIds).size);
  const now = deps.now().toISOString();
  const collection: Collection = {
    id: crypto.randomUUID(),
    title: body.title,
    ...(body.description ? { description: body.description } : {}),
    organizationIds: [...new Set(body.organizationIds)],
    tlpCeiling: body.tlpCeiling,
    ...(body.agreement ? { agreement: body.agreement } : {}),
    incidentIds: [...new Set(body.incidentIds)],
    createdAt: now,
    createdBy: caller.subject,
    updatedAt: now,
    version: 1,
  };
  await deps.repos.sharing.writeCollection(collection, null);
  return collection;
}

export async function listCollections(deps: Deps): Promise<{ items: Collection[] }> {
  return { items: await deps.repos.sharing.collections() };
}

export async function updateCollection(
  deps: Deps,
  collectionId: string,
  body: UpdateCollectionBody,
): Promise<Collection> {
  const current = await deps.repos.sharing.getCollection(collectionId);
  if (!current) throw collectionNotFound(collectionId);
  const next: Collection = {
    ...current,
    ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
    ...(body.organizationIds ? { organizationIds: [...new Set(body.organizationIds)] } : {}),
    ...(body.incidentIds ? { incidentIds: [...new Set(body.incidentIds)] } : {}),
    updatedAt: deps.now().toISOString(),
    version: current.version + 1,
  };
  assertCollectionCeiling(next.tlpCeiling, next.organizationIds.length);
  await deps.repos.sharing.writeCollection(next, current.version);
  return next;
}

export async function deleteCollection(deps: Deps, collectionId: string): Promise<Collection> {
  const current = await deps.repos.sharing.getCollection(collectionId);
  if (!current) throw collectionNotFound(collectionId);
  await deps.repos.sharing.deleteCollection(collectionId);
  return current;
}

// ---------------------------------------------------------------- the ledger

export interface LedgerRead {
  readonly items: LedgerEntry[];
  readonly nextCursor: string | null;
}

export async function incidentLedger(
  deps: Deps,
  incidentId: string,
  query: LedgerQuery,
): Promise<LedgerRead> {
  await deps.repos.incidents.get(incidentId);
  return readLedger((page) => deps.repos.sharing.ledgerOfIncident(incidentId, page), query);
}

export async function organizationLedger(
  deps: Deps,
  organizationId: string,
  query: LedgerQuery,
): Promise<LedgerRead> {
  if (!(await deps.repos.organizations.get(organizationId)))
    throw new NotFoundError(`Organization ${organizationId} not found`);
  return readLedger((page) => deps.repos.sharing.ledgerOfOrganization(organizationId, page), query);
}

/** The export formats read up to this many entries in one answer. */
export const LEDGER_EXPORT_MAX = 1000;

async function readLedger(
  read: (page: { limit: number; cursor?: string | undefined }) => Promise<LedgerRead>,
  query: LedgerQuery,
): Promise<LedgerRead> {
  if (query.format === 'json') return read({ limit: query.limit, cursor: query.cursor });
  const items: LedgerEntry[] = [];
  let cursor = query.cursor;
  let nextCursor: string | null = null;
  do {
    const page = await read({ limit: 100, cursor });
    items.push(...page.items);
    nextCursor = page.nextCursor;
    cursor = nextCursor ?? undefined;
  } while (cursor && items.length < LEDGER_EXPORT_MAX);
  return { items, nextCursor };
}
