/**
 * The STIX 2.1 form of an incident (pure: no I/O). Every object carries its TLP 2.0 marking
 * (`object_marking_refs`, the official marking-definition ids of FIRST's TLP 2.0 as published by
 * OASIS in cti-stix-common-objects) and a deterministic id: UUIDv5 of the item's key in Liaison's
 * namespace, so a re-export updates an object (its `modified` moves) instead of adding another.
 * Cyber-observable objects (SCOs) get the id STIX 2.1 §2.9 prescribes instead: UUIDv5 of their
 * id-contributing properties in the STIX namespace, so the same IP address is one object everywhere.
 *
 * What a recipient under a ceiling gets: the objects marked at or below it; a relationship only
 * when both ends are included; a sighting only with its indicator; the marking definitions used.
 */

import { type Tlp, tlpRank } from '../../model/tlp.js';
import type { Lesson } from '../../schemas/incidents.js';
import type { Indicator, IndicatorType } from '../../schemas/sharing.js';
import { incidentTlp, sharedUnder } from '../tlp/rules.js';
import { uuidv5 } from './uuid.js';

/** Liaison's UUIDv5 namespace for STIX ids (docs/sharing.md). */
export const LIAISON_STIX_NAMESPACE = '2c4f9a2e-6b1d-5e8f-9c3a-7d1e0f4b8a61';
/** The namespace STIX 2.1 fixes for SCO ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** The TLP 2.0 marking extension (cti-stix-common-objects). */
export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The official TLP 2.0 marking-definition ids. */
export const TLP_MARKING_IDS: Readonly<Record<Tlp, string>> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export type StixObject = { readonly type: string; readonly id: string } & Record<string, unknown>;

/** A STIX object with the facts sharing needs: its TLP and its version (`modified`, or for SCOs and markings their date). */
export interface Shareable {
  readonly object: StixObject;
  readonly tlp: Tlp;
  readonly version: string;
  /** The incident it belongs to (none: markings and the operator's identity). */
  readonly incidentId?: string;
}

/** The official marking-definition object of a TLP 2.0 level. */
export function tlpMarking(level: Tlp): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKING_IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level}`,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: level.toLowerCase() } },
  };
}

export interface IncidentFacts {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly tlp?: Tlp | undefined;
  readonly severity: string;
  readonly category: string;
  readonly status: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly affectedThirdParties: readonly string[];
  readonly participants?: readonly string[] | undefined;
}

export interface OrganizationFacts {
  readonly id: string;
  readonly name: string;
  readonly kind?: string | undefined;
  readonly createdAt?: string | undefined;
  readonly updatedAt?: string | undefined;
}

export interface IncidentStixInput {
  readonly incident: IncidentFacts;
  readonly operatorName: string;
  /** Names of the organizations the incident involves (absent ones are named by their id). */
  readonly organizations: ReadonlyMap<string, OrganizationFacts>;
  readonly indicators: readonly Indicator[];
  readonly lessons: readonly Lesson[];
}

const ms = (t: string): string => new Date(t).toISOString();
const later = (a: string, b: string): string => (ms(a) > ms(b) ? ms(a) : ms(b));
const higher = (a: Tlp, b: Tlp): Tlp => (tlpRank(a) >= tlpRank(b) ? a : b);
const sdoId = (type: string, key: string) => `${type}--${uuidv5(key, LIAISON_STIX_NAMESPACE)}`;

const OPERATOR_KEY = 'OPERATOR';
const OPERATOR_SINCE = '2020-01-01T00:00:00.000Z';
export const operatorIdentityId = (): string => sdoId('identity', OPERATOR_KEY);

const IDENTITY_CLASS: Record<string, string> = { internal: 'organization', supplier: 'organization' };

/** The SCO of an indicator's value, with its STIX 2.1 deterministic id. */
export function observableOf(
  type: IndicatorType,
  value: string,
): Record<string, unknown> & { type: string; id: string } {
  if (type === 'md5' || type === 'sha1' || type === 'sha256') {
    const algo = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' }[type];
    const hashes = { [algo]: value.toLowerCase() };
    return {
      type: 'file',
      spec_version: '2.1',
      id: `file--${uuidv5(JSON.stringify({ hashes }), STIX_SCO_NAMESPACE)}`,
      hashes,
    };
  }
  const v = type === 'domain-name' || type === 'email-addr' ? value.toLowerCase() : value;
  return {
    type,
    spec_version: '2.1',
    id: `${type}--${uuidv5(JSON.stringify({ value: v }), STIX_SCO_NAMESPACE)}`,
    value: v,
  };
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The pattern derived from an observable (`[ipv4-addr:value = '…']`, `[file:hashes.'SHA-256' = '…']`). */
export function defaultPattern(type: IndicatorType, value: string): string {
  const sco = observableOf(type, value);
  if (sco.type === 'file') {
    const [algo, hash] = Object.entries(sco.hashes as Record<string, string>)[0] as [string, string];
    return `[file:hashes.'${algo}' = ${quote(hash)}]`;
  }
  return `[${sco.type}:value = ${quote(String(sco.value))}]`;
}

/**
 * Every STIX object of an incident, each with its TLP and version (unfiltered). Markings are not in
 * the list: `shareableObjects` adds the ones used.
 */
export function incidentStixObjects(input: IncidentStixInput): Shareable[] {
  const { incident } = input;
  const level = incidentTlp(incident);
  const out: Shareable[] = [];
  const operatorId = operatorIdentityId();
  const marked = (tlp: Tlp) => ({ object_marking_refs: [TLP_MARKING_IDS[tlp]] });
  const add = (object: StixObject, tlp: Tlp, version: string, own = true) =>
    out.push({ object, tlp, version, ...(own ? { incidentId: incident.id } : {}) });

  add(
    {
      type: 'identity',
      spec_version: '2.1',
      id: operatorId,
      created: OPERATOR_SINCE,
      modified: OPERATOR_SINCE,
      name: input.operatorName,
      identity_class: 'organization',
      ...marked('CLEAR'),
    },
    'CLEAR',
    OPERATOR_SINCE,
    false,
  );

  const incidentKey = `INC#${incident.id}`;
  const incidentObj: StixObject = {
    type: 'incident',
    spec_version: '2.1',
    id: sdoId('incident', incidentKey),
    created_by_ref: operatorId,
    created: ms(incident.createdAt),
    modified: ms(incident.updatedAt),
    name: incident.title,
    description: incident.description,
    labels: [`severity:${incident.severity}`, `category:${incident.category}`, `status:${incident.status}`],
    external_references: [{ source_name: 'liaison', external_id: incident.id }],
    ...marked(level),
  };
  add(incidentObj, level, ms(incident.updatedAt));

  const relationship = (from: Shareable, type: string, to: Shareable) => {
    const version = later(from.version, to.version);
    const tlp = higher(from.tlp, to.tlp);
    add(
      {
        type: 'relationship',
        spec_version: '2.1',
        id: sdoId('relationship', `${from.object.id}#${type}#${to.object.id}`),
        created_by_ref: operatorId,
        created: version,
        modified: version,
        relationship_type: type,
        source_ref: from.object.id,
        target_ref: to.object.id,
        ...marked(tlp),
      },
      tlp,
      version,
    );
  };
  const incidentShare = out[1] as Shareable;

  // Third parties and participants: identities, related to the incident, at the incident's level.
  const orgIds = [...new Set([...incident.affectedThirdParties, ...(incident.participants ?? [])])];
  const identities = new Map<string, Shareable>();
  for (const orgId of orgIds) {
    const org = input.organizations.get(orgId);
    const created = ms(org?.createdAt ?? incident.createdAt);
    const modified = ms(org?.updatedAt ?? org?.createdAt ?? incident.createdAt);
    add(
      {
        type: 'identity',
        spec_version: '2.1',
        id: sdoId('identity', `ORG#${orgId}`),
        created_by_ref: operatorId,
        created,
        modified: later(created, modified),
        name: org?.name ?? orgId,
        identity_class: IDENTITY_CLASS[org?.kind ?? ''] ?? 'organization',
        ...(org?.kind ? { roles: [org.kind] } : {}),
        external_references: [{ source_name: 'liaison', external_id: orgId }],
        ...marked(level),
      },
      level,
      later(created, modified),
    );
    const identity = out[out.length - 1] as Shareable;
    identities.set(orgId, identity);
    relationship(incidentShare, 'related-to', identity);
  }

  for (const ind of input.indicators) {
    const key = `${incidentKey}#IND#${ind.indicatorId}`;
    const version = ms(ind.modifiedAt);
    add(
      {
        type: 'indicator',
        spec_version: '2.1',
        id: sdoId('indicator', key),
        created_by_ref: operatorId,
        created: ms(ind.recordedAt),
        modified: version,
        name: ind.name ?? `${ind.type} ${ind.value}`,
        ...(ind.description ? { description: ind.description } : {}),
        indicator_types: ['malicious-activity'],
        pattern: ind.pattern,
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: ms(ind.validFrom),
        ...(ind.labels && ind.labels.length > 0 ? { labels: [...ind.labels] } : {}),
        ...marked(ind.tlp),
      },
      ind.tlp,
      version,
    );
    const indicator = out[out.length - 1] as Shareable;
    const sco = observableOf(ind.type, ind.value);
    add({ ...sco, ...marked(ind.tlp) } as StixObject, ind.tlp, version);
    const observable = out[out.length - 1] as Shareable;
    relationship(indicator, 'related-to', incidentShare);
    relationship(indicator, 'based-on', observable);
    for (const s of ind.sightings) {
      const where = s.organizationId ? identities.get(s.organizationId) : undefined;
      const at = ms(s.recordedAt);
      add(
        {
          type: 'sighting',
          spec_version: '2.1',
          id: sdoId('sighting', `${key}#SIGHT#${s.sightingId}`),
          created_by_ref: operatorId,
          created: at,
          modified: at,
          first_seen: ms(s.firstSeen),
          last_seen: ms(s.lastSeen),
          count: s.count,
          sighting_of_ref: indicator.object.id,
          where_sighted_refs: [where ? where.object.id : operatorId],
          ...(s.note ? { description: s.note } : {}),
          ...marked(ind.tlp),
        },
        higher(ind.tlp, where ? where.tlp : 'CLEAR'),
        at,
      );
    }
  }

  for (const l of input.lessons) {
    const key = `${incidentKey}#LESSON#${l.lessonId}`;
    const at = ms(l.recordedAt);
    add(
      {
        type: 'note',
        spec_version: '2.1',
        id: sdoId('note', key),
        created_by_ref: operatorId,
        created: at,
        modified: at,
        abstract: `Lesson learned${l.category ? ` (${l.category})` : ''}`,
        content: l.lesson,
        object_refs: [incidentObj.id],
        ...marked(level),
      },
      level,
      at,
    );
    if (l.recommendation) {
      add(
        {
          type: 'course-of-action',
          spec_version: '2.1',
          id: sdoId('course-of-action', `${key}#COA`),
          created_by_ref: operatorId,
          created: at,
          modified: at,
          name: l.recommendation.length > 120 ? `${l.recommendation.slice(0, 117)}...` : l.recommendation,
          description: l.recommendation,
          ...marked(level),
        },
        level,
        at,
      );
      relationship(out[out.length - 1] as Shareable, 'related-to', incidentShare);
    }
  }
  return out;
}

/** The references an object makes to other objects of the export (sightings and relationships). */
function requiredRefs(o: StixObject): string[] {
  if (o.type === 'relationship') return [String(o.source_ref), String(o.target_ref)];
  if (o.type === 'sighting') return [String(o.sighting_of_ref)];
  if (o.type === 'note') return (o.object_refs as string[]) ?? [];
  return [];
}

/**
 * What a recipient under `ceiling` gets (undefined: everything, for internal use): objects at or
 * below the ceiling whose required references are included too, a sighting's `where_sighted_refs`
 * falling back to the operator when its organization is withheld, and the marking definitions used.
 */
export function shareableObjects(all: readonly Shareable[], ceiling: Tlp | undefined): Shareable[] {
  const allowed = all.filter((s) => ceiling === undefined || sharedUnder(ceiling, s.tlp));
  const ids = new Set(allowed.map((s) => s.object.id));
  const kept = allowed.filter((s) => requiredRefs(s.object).every((r) => ids.has(r)));
  const markings = new Set(kept.flatMap((s) => (s.object.object_marking_refs as string[] | undefined) ?? []));
  const levels = (Object.keys(TLP_MARKING_IDS) as Tlp[]).filter((l) => markings.has(TLP_MARKING_IDS[l]));
  const seen = new Set<string>();
  const unique = kept.filter((s) => {
    if (seen.has(s.object.id)) return false;
    seen.add(s.object.id);
    return true;
  });
  return [
    ...levels.map((l) => ({
      object: tlpMarking(l),
      tlp: 'CLEAR' as Tlp,
      version: '2022-10-01T00:00:00.000Z',
    })),
    ...unique,
  ];
}

/** A STIX 2.1 bundle (its id: UUIDv5 of what it holds, so the same content is the same bundle). */
export function bundleOf(objects: readonly Shareable[]): {
  type: 'bundle';
  id: string;
  objects: StixObject[];
} {
  const fingerprint = objects.map((s) => `${s.object.id}@${s.version}`).join(',');
  return {
    type: 'bundle',
    id: `bundle--${uuidv5(fingerprint, LIAISON_STIX_NAMESPACE)}`,
    objects: objects.map((s) => s.object),
  };
}
