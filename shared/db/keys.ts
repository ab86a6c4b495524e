/**
 * Every DynamoDB key Liaison writes or reads is built here and nowhere else.
 * `docs/data-model.md` lists the access patterns these keys serve.
 *
 * Item collections:
 *   ORG#<orgId>        #ORG                      organization profile (third parties are kind=supplier)
 *   ORG#<orgId>        INC#<createdAt>#<incId>   link: an incident affecting this organization (summary)
 *   INC#<incId>        #INCIDENT                 incident (counters, version)
 *   INC#<incId>        ACTION#<nnnnnn>           response action ACTION-n
 *   INC#<incId>        COMM#<nnnnnn>             communication COMM-n
 *   INC#<incId>        ESC#<nnnnnn>              escalation ESC-n
 *   INC#<incId>        LESSON#<nnnnnn>           lesson learned LESSON-n
 *   INC#<incId>        TL#<nnnnnnnnnn>           timeline entry n (ordered)
 * Indexes (all project every attribute):
 *   gsi1  THIRDPARTY / <name>#<id>         third parties by name;  INCIDENT / <createdAt>#<id>   incidents by creation
 *   gsi2  THIRDPARTY#CRIT#<c> / <name>#<id>                         INCIDENT#STATUS#<s> / <createdAt>#<id>
 *   gsi3  THIRDPARTY#TYPE#<t> / <name>#<id>                         INCIDENT#PRIORITY#<p> / <createdAt>#<id>
 */

export interface Key {
  pk: string;
  sk: string;
}

const pad = (n: number, width = 6) => String(n).padStart(width, '0');

export const orgPk = (orgId: string) => `ORG#${orgId}`;
export const incidentPk = (incidentId: string) => `INC#${incidentId}`;

export const keys = {
  organization: (orgId: string): Key => ({ pk: orgPk(orgId), sk: '#ORG' }),
  incident: (incidentId: string): Key => ({ pk: incidentPk(incidentId), sk: '#INCIDENT' }),
  action: (incidentId: string, n: number): Key => ({ pk: incidentPk(incidentId), sk: `ACTION#${pad(n)}` }),
  communication: (incidentId: string, n: number): Key => ({
    pk: incidentPk(incidentId),
    sk: `COMM#${pad(n)}`,
  }),
  escalation: (incidentId: string, n: number): Key => ({ pk: incidentPk(incidentId), sk: `ESC#${pad(n)}` }),
  lesson: (incidentId: string, n: number): Key => ({ pk: incidentPk(incidentId), sk: `LESSON#${pad(n)}` }),
  timeline: (incidentId: string, seq: number): Key => ({
    pk: incidentPk(incidentId),
    sk: `TL#${pad(seq, 10)}`,
  }),
  incidentLink: (orgId: string, createdAt: string, incidentId: string): Key => ({
    pk: orgPk(orgId),
    sk: `INC#${createdAt}#${incidentId}`,
  }),
};

/** Sort-key prefixes for Queries inside one item collection. */
export const prefixes = {
  timeline: 'TL#',
  incidentLinks: 'INC#',
} as const;

/** Sort-key prefix → kind of child item in an incident's collection. */
export const incidentChildKinds = {
  'ACTION#': 'action',
  'COMM#': 'communication',
  'ESC#': 'escalation',
  'LESSON#': 'lesson',
  'TL#': 'timeline',
  '#INCIDENT': 'incident',
} as const;

const nameKey = (name: string, id: string) => `${name.toLowerCase()}#${id}`;
const createdKey = (createdAt: string, id: string) => `${createdAt}#${id}`;

/** Index attributes of a third party (written with the item). */
export function thirdPartyIndexKeys(tp: { id: string; name: string; criticality: string; type: string }) {
  const sk = nameKey(tp.name, tp.id);
  return {
    gsi1pk: 'THIRDPARTY',
    gsi1sk: sk,
    gsi2pk: `THIRDPARTY#CRIT#${tp.criticality}`,
    gsi2sk: sk,
    gsi3pk: `THIRDPARTY#TYPE#${tp.type}`,
    gsi3sk: sk,
  };
}

/** Index attributes of an incident (written with the item, rewritten when status/priority change). */
export function incidentIndexKeys(inc: { id: string; createdAt: string; status: string; priority: string }) {
  const sk = createdKey(inc.createdAt, inc.id);
  return {
    gsi1pk: 'INCIDENT',
    gsi1sk: sk,
    gsi2pk: `INCIDENT#STATUS#${inc.status}`,
    gsi2sk: sk,
    gsi3pk: `INCIDENT#PRIORITY#${inc.priority}`,
    gsi3sk: sk,
  };
}

/** Which index and partition serve each list query. */
export const listQueries = {
  thirdParties: (f: { criticality?: string; type?: string }) =>
    f.criticality
      ? { index: 'gsi2' as const, pkAttr: 'gsi2pk', pk: `THIRDPARTY#CRIT#${f.criticality}` }
      : f.type
        ? { index: 'gsi3' as const, pkAttr: 'gsi3pk', pk: `THIRDPARTY#TYPE#${f.type}` }
        : { index: 'gsi1' as const, pkAttr: 'gsi1pk', pk: 'THIRDPARTY' },
  incidents: (f: { status?: string; priority?: string }) =>
    f.status
      ? { index: 'gsi2' as const, pkAttr: 'gsi2pk', pk: `INCIDENT#STATUS#${f.status}` }
      : f.priority
        ? { index: 'gsi3' as const, pkAttr: 'gsi3pk', pk: `INCIDENT#PRIORITY#${f.priority}` }
        : { index: 'gsi1' as const, pkAttr: 'gsi1pk', pk: 'INCIDENT' },
};

/** Key attributes stripped from items before they leave the repository. */
export const INTERNAL_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'entity',
];
