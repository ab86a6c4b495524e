/**
 * The TAXII 2.1 server (OASIS TAXII 2.1, docs/sharing.md): one API root, `liaison`, whose
 * collections are the admin-defined sharing collections. A collection serves the STIX objects of
 * its incidents at or below its ceiling (`sharingCeiling`: the agreement's, capped for a community,
 * and for a partner also its own organization's); a partner sees only the collections its
 * organization is a member of (others: 404, as if absent). Objects are computed from the current
 * state: an object's `date_added` and version are its `modified` (markings: their `created`), so a
 * changed object appears again after `added_after`; older versions are not kept.
 */
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type { Collection, TaxiiObjectsQuery } from '../../schemas/sharing.js';
import { partnerOrganization } from '../access/partner.js';
import type { Deps } from '../deps.js';
import { organizationTlpReader } from '../organizations/service.js';
import { sharingCeiling } from '../tlp/rules.js';
import { incidentObjects, ledgerEntryFor } from './service.js';
import { type Shareable, shareableObjects } from './stix.js';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
export const API_ROOT = 'liaison';
export const API_ROOT_PATH = `/taxii2/${API_ROOT}/`;
/** Largest page a client may ask for (`limit`); the default page is 100. */
export const TAXII_MAX_PAGE = 1000;
export const TAXII_DEFAULT_PAGE = 100;

export const discovery = (baseUrl: string) => ({
  title: 'Liaison TAXII 2.1 server',
  description: 'Indicators and incident context shared with partner organizations under their agreements',
  default: `${baseUrl}${API_ROOT_PATH}`,
  api_roots: [`${baseUrl}${API_ROOT_PATH}`],
});

export const apiRoot = () => ({
  title: 'Liaison sharing collections',
  description:
    'One collection per sharing community or organization, each at the TLP ceiling of its agreement',
  versions: [TAXII_MEDIA_TYPE],
  max_content_length: 10 * 1024 * 1024,
});

const taxiiCollection = (c: Collection) => ({
  id: c.id,
  title: c.title,
  ...(c.description ? { description: c.description } : {}),
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA_TYPE],
});

const mayRead = (caller: Caller, c: Collection): boolean => {
  const org = partnerOrganization(caller);
  return org === null || c.organizationIds.includes(org);
};

export async function listTaxiiCollections(deps: Deps, caller: Caller) {
  const visible = (await deps.repos.sharing.collections()).filter((c) => mayRead(caller, c));
  return visible.length > 0 ? { collections: visible.map(taxiiCollection) } : {};
}

async function readable(deps: Deps, caller: Caller, collectionId: string): Promise<Collection> {
  const c = await deps.repos.sharing.getCollection(collectionId);
  if (!c || !mayRead(caller, c)) throw new NotFoundError(`Collection ${collectionId} not found`);
  return c;
}

export async function getTaxiiCollection(deps: Deps, caller: Caller, collectionId: string) {
  return taxiiCollection(await readable(deps, caller, collectionId));
}

interface Entry extends Shareable {
  readonly dateAdded: string;
}

/** Every object the caller may read in the collection, ordered by (date_added, id). */
async function collectionEntries(deps: Deps, caller: Caller, c: Collection): Promise<Entry[]> {
  const org = partnerOrganization(caller);
  const readerCeiling =
    org === null ? undefined : ((await organizationTlpReader(deps)(org))?.ceiling ?? 'CLEAR');
  const ceiling = sharingCeiling(c.tlpCeiling, { organizations: c.organizationIds.length, readerCeiling });
  const perIncident = await Promise.all(
    c.incidentIds.map((id) =>
      incidentObjects(deps, id).catch((error: unknown) => {
        if (error instanceof NotFoundError) return [] as Shareable[];
        throw error;
      }),
    ),
  );
  const seen = new Set<string>();
  const out: Entry[] = [];
  for (const s of shareableObjects(perIncident.flat(), ceiling)) {
    if (seen.has(s.object.id)) continue;
    seen.add(s.object.id);
    out.push({ ...s, dateAdded: s.version });
  }
  return out.sort((a, b) => a.dateAdded.localeCompare(b.dateAdded) || a.object.id.localeCompare(b.object.id));
}

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((x) => x.trim()));

function nextToken(e: Entry): string {
  return Buffer.from(JSON.stringify([e.dateAdded, e.object.id]), 'utf8').toString('base64url');
}

function afterToken(token: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string'))
      return v as [string, string];
  } catch {
    // below
  }
  throw new ValidationError('Invalid next', [
    { field: 'query.next', message: 'not a value of `next` from this server' },
  ]);
}

/** The filters of TAXII 2.1 §3.4 applied to the collection's objects, then one page. */
function filtered(entries: readonly Entry[], q: TaxiiObjectsQuery, objectId?: string) {
  const types = list(q['match[type]']);
  const ids = objectId ? [objectId] : list(q['match[id]']);
  const versions = list(q['match[version]']) ?? ['last'];
  const specs = list(q['match[spec_version]']);
  const after = q.added_after ? new Date(q.added_after).toISOString() : undefined;
  let matched = entries.filter(
    (e) =>
      (types === undefined || types.includes(e.object.type)) &&
      (ids === undefined || ids.includes(e.object.id)) &&
      (specs === undefined || specs.includes('2.1')) &&
      (after === undefined || e.dateAdded > after) &&
      // One version is kept per object: it is the first, the last and all of them.
      versions.some(
        (v) => v === 'last' || v === 'first' || v === 'all' || new Date(v).toISOString() === e.version,
      ),
  );
  if (q.next) {
    const [at, id] = afterToken(q.next);
    matched = matched.filter((e) => e.dateAdded > at || (e.dateAdded === at && e.object.id > id));
  }
  const limit = Math.min(q.limit ?? TAXII_DEFAULT_PAGE, TAXII_MAX_PAGE);
  const page = matched.slice(0, limit);
  const more = matched.length > page.length;
  const last = page[page.length - 1];
  return { page, more, ...(more && last ? { next: nextToken(last) } : {}) };
}

/** `X-TAXII-Date-Added-First` / `-Last` of a page (none when it is empty). */
function dateHeaders(page: readonly Entry[]): Record<string, string> {
  const first = page[0];
  const last = page[page.length - 1];
  return first && last
    ? { 'X-TAXII-Date-Added-First': first.dateAdded, 'X-TAXII-Date-Added-Last': last.dateAdded }
    : {};
}

/** The ledger entries of objects read: one per incident, naming the partner's organization. */
async function recordRead(deps: Deps, caller: Caller, c: Collection, page: readonly Entry[]): Promise<void> {
  const org = partnerOrganization(caller);
  const byIncident = new Map<string, Entry[]>();
  for (const e of page) {
    if (e.incidentId === undefined) continue;
    byIncident.set(e.incidentId, [...(byIncident.get(e.incidentId) ?? []), e]);
  }
  if (byIncident.size === 0) return;
  await deps.repos.sharing.record(
    [...byIncident].map(([incidentId, objects]) =>
      ledgerEntryFor(deps, {
        channel: 'taxii',
        incidentId,
        ...(org ? { organizationId: org } : {}),
        recipient: `TAXII collection ${c.title}`,
        collectionId: c.id,
        ...(c.agreement ? { agreement: c.agreement } : {}),
        by: caller.subject,
        objects,
      }),
    ),
  );
}

export interface TaxiiAnswer<B> {
  readonly body: B;
  readonly headers: Record<string, string>;
}

export async function getObjects(
  deps: Deps,
  caller: Caller,
  collectionId: string,
  q: TaxiiObjectsQuery,
  objectId?: string,
) {
  const c = await readable(deps, caller, collectionId);
  const { page, more, next } = filtered(await collectionEntries(deps, caller, c), q, objectId);
  if (objectId !== undefined && page.length === 0) throw new NotFoundError(`Object ${objectId} not found`);
  await recordRead(deps, caller, c, page);
  return {
    body: { more, ...(next ? { next } : {}), ...(page.length ? { objects: page.map((e) => e.object) } : {}) },
    headers: dateHeaders(page),
  };
}

export async function getManifest(deps: Deps, caller: Caller, collectionId: string, q: TaxiiObjectsQuery) {
  const c = await readable(deps, caller, collectionId);
  const { page, more, next } = filtered(await collectionEntries(deps, caller, c), q);
  return {
    body: {
      more,
      ...(next ? { next } : {}),
      ...(page.length
        ? {
            objects: page.map((e) => ({
              id: e.object.id,
              date_added: e.dateAdded,
              version: e.version,
              media_type: STIX_MEDIA_TYPE,
            })),
          }
        : {}),
    },
    headers: dateHeaders(page),
  };
}

export async function getVersions(
  deps: Deps,
  caller: Caller,
  collectionId: string,
  objectId: string,
  q: TaxiiObjectsQuery,
) {
  const c = await readable(deps, caller, collectionId);
  const entries = await collectionEntries(deps, caller, c);
  if (!entries.some((e) => e.object.id === objectId)) throw new NotFoundError(`Object ${objectId} not found`);
  const { page, more, next } = filtered(entries, { ...q, 'match[version]': 'all' }, objectId);
  return {
    body: {
      more,
      ...(next ? { next } : {}),
      ...(page.length ? { versions: page.map((e) => e.version) } : {}),
    },
    headers: dateHeaders(page),
  };
}
