/**
 * Every DynamoDB key Liaison writes or reads is built here and nowhere else.
 * `docs/data-model.md` lists the access patterns these keys serve.
 * (EventBridge Scheduler schedule names follow the same rule: built in one place,
 * `scheduleName()` of `shared/scheduling/schedules.ts`, and documented there.)
 *
 * Item collections:
 *   ORG#<orgId>        #ORG                      organization profile (third parties are kind=supplier)
 *   ORG#<orgId>        INC#<createdAt>#<incId>   link: an incident this organization takes part in (summary):
 *                                               affected third party, or activation participant / action owner
 *   ORG#<orgId>        AGREEMENT#<agrId>         sharing agreement of the organization
 *   CONTACT#<conId>    #CONTACT                  contact (soft-deleted: deletedAt set, index keys removed)
 *   TEMPLATE#<tplId>   #TEMPLATE                 template head: latest version's content, approvedVersion
 *   TEMPLATE#<tplId>   V#<nnnnnn>                template version n (immutable content, approval stamp)
 *   INC#<incId>        #INCIDENT                 incident (counters, version)
 *   INC#<incId>        ACTION#<nnnnnn>           response action ACTION-n
 *   INC#<incId>        COMM#<nnnnnn>             communication COMM-n
 *   INC#<incId>        ESC#<nnnnnn>              escalation ESC-n
 *   INC#<incId>        LESSON#<nnnnnn>           lesson learned LESSON-n
 *   INC#<incId>        OBLIG#<regimeId>          regulatory obligation (one per regime; submissions inside)
 *   INC#<incId>        TL#<nnnnnnnnnn>           timeline entry n (ordered)
 *   INC#<incId>        ROLE#<nnnnnnnnnn>         ended command tenure (who held a role from when to when);
 *                                               n = the timeline seq of the handover that ended it
 *   INC#<incId>        ACTIVATION#<actId>        playbook activation (playbook version, counters, version)
 *   INC#<incId>        ACTIVATION#<actId>#A#<n>  coordinated action COORD-n of the activation
 *   INC#<incId>        ACTIVATION#<actId>#E#<n>  activation escalation ESC-n (n: the incident's series)
 *   ACTIVATION#<actId> #ACTIVATION               pointer: activationId → incidentId (same transaction)
 *   IDEM#<recordKey>   #IDEM                     idempotency record of one `Idempotency-Key` (TTL expiresAt)
 *   OUTBOX#<messageId> #OUTBOX                   outbound SNS message to one organization (attempts, status)
 *   CHANNEL#<chId>     #CHANNEL                  coordination channel (participants, escalation rules, version)
 *   PLAYBOOK#<pbId>    #PLAYBOOK                 shared playbook head: latest version's content
 *   PLAYBOOK#<pbId>    V#<nnnnnn>                playbook version n (immutable; activations name it)
 * Indexes (all project every attribute):
 *   gsi1  THIRDPARTY / <name>#<id>         third parties by name;  INCIDENT / <createdAt>#<id>   incidents by creation
 *   gsi2  THIRDPARTY#CRIT#<c> / <name>#<id>                         INCIDENT#STATUS#<s> / <createdAt>#<id>
 *   gsi3  THIRDPARTY#TYPE#<t> / <name>#<id>                         INCIDENT#PRIORITY#<p> / <createdAt>#<id>
 *   gsi2  ORG#KIND#<kind> / <name>#<id>   organizations (not suppliers) by kind
 *   gsi4  ORG / <name>#<id>               every organization, third parties included
 *   gsi1  CONTACT / <name>#<id>           gsi2 CONTACT#GROUP#<g> / <name>#<id>   gsi3 CONTACT#DIM#<d> / <name>#<id>
 *   gsi4  CONTACT#ORG#<orgId> / <group>#<name>#<id>                  contacts of an organization (live only)
 *   gsi1  TEMPLATE / <name>#<id>          gsi2 TEMPLATE#AUDIENCE#<a> / <name>#<id>
 *   gsi1  CHANNEL / <name>#<id>           coordination channels by name
 *   gsi1  PLAYBOOK / <name>#<id>          shared playbooks by name
 *   gsi1  OUTBOX#PENDING / <nextAttemptAt>#<messageId>   outbox items still to publish (removed once sent or failed)
 *   gsi5  CONTACT#VERIFY / <actionAt>#<conId>               live contacts by next verification action (sparse)
 * Contact-directory verification (docs/verification.md):
 *   VERIFYTOKEN#<sha256> #TOKEN                  single-use verification token, stored as its hash (TTL expiresAt)
 *   VERIFYLIMIT#<bucket> #LIMIT                  failed /verify attempts of one IP hash in one window (TTL)
 *   VERIFYSWEEP          #RUN                    the sweep in progress (run id, cursor, counts) or the last one
 *   VERIFYSWEEP          #LAST                   the last completed sweep's results and directory health
 * Sharing (docs/sharing.md):
 *   SHARE#<incId>        IND#<indicatorId>       indicator / observable of an incident (its sightings inside, version)
 *   COLLECTION#<colId>   #COLLECTION             TAXII collection (members, TLP ceiling, incidents, version)
 *     gsi1  COLLECTION / <title>#<id>            collections by title
 *   LEDGER#INC#<incId>   <at>#<entryId>          sharing-ledger entry (what left, to whom, when, TLP); `-` without incident
 *     gsi4  LEDGER#ORG#<orgId> / <at>#<entryId>  the ledger of one recipient organization
 * Reminders (docs/reminders.md):
 *   REMINDER#<scheduleName> SENT#<dueInstant>    a reminder schedule acted for that due instant (TTL expiresAt)
 * Agreement updates, SLA breaches, joint reviews (docs/agreements.md):
 *   AGRUPD#<updId>     #AGRUPD                   agreement update (topic, status, history, due date, version)
 *                                               gsi1 AGRUPD#ORG#<orgId> / <createdAt>#<id>   updates of an organization
 *                                               gsi2 AGRUPD#SRC#<kind>#<srcId> / <createdAt>#<id>  updates raised from an incident
 *   ORG#<orgId>        SLABREACH#<incId>#<metric> a contractual SLA breach recorded against the third party
 *   REVIEW#<incId>     #REVIEW                   joint post-incident review (participants, result, counter, version)
 *   REVIEW#<incId>     CONTRIB#<nnnnnn>          contribution CONTRIB-n of a participant (TLP-marked)
 */

export interface Key {
  pk: string;
  sk: string;
}

const pad = (n: number, width = 6) => String(n).padStart(width, '0');

export const orgPk = (orgId: string) => `ORG#${orgId}`;
export const incidentPk = (incidentId: string) => `INC#${incidentId}`;
export const templatePk = (templateId: string) => `TEMPLATE#${templateId}`;

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
  /** Regulatory obligation of an incident: one per regime, so the regime id is its id. */
  obligation: (incidentId: string, regimeId: string): Key => ({
    pk: incidentPk(incidentId),
    sk: `OBLIG#${regimeId}`,
  }),
  timeline: (incidentId: string, seq: number): Key => ({
    pk: incidentPk(incidentId),
    sk: `TL#${pad(seq, 10)}`,
  }),
  agreement: (orgId: string, agreementId: string): Key => ({
    pk: orgPk(orgId),
    sk: `AGREEMENT#${agreementId}`,
  }),
  contact: (contactId: string): Key => ({ pk: `CONTACT#${contactId}`, sk: '#CONTACT' }),
  template: (templateId: string): Key => ({ pk: templatePk(templateId), sk: '#TEMPLATE' }),
  templateVersion: (templateId: string, n: number): Key => ({
    pk: templatePk(templateId),
    sk: `V#${pad(n)}`,
  }),
  incidentLink: (orgId: string, createdAt: string, incidentId: string): Key => ({
    pk: orgPk(orgId),
    sk: `INC#${createdAt}#${incidentId}`,
  }),
  /**
   * Idempotency record (`shared/db/idempotency.ts`, Powertools' DynamoDB persistence layer).
   * `recordKey` is what Powertools computes: `<routeId>#<base64 sha256 of {route, subject, params,
   * Idempotency-Key header}>`, so a key is scoped to one operation, one caller and one resource.
   * Each record is its own partition (no hot `idempotency#…` partition, which Powertools' default
   * `staticPkValue` would create on a composite-key table); `expiresAt` (TTL) removes it after 24 h.
   */
  idempotency: (recordKey: string): Key => ({ pk: `IDEM#${recordKey}`, sk: '#IDEM' }),
  /** Outbox item: one SNS message to one organization, written with its communication. */
  outbox: (messageId: string): Key => ({ pk: `OUTBOX#${messageId}`, sk: '#OUTBOX' }),
  /** Indicator of an incident (its own partition: the incident's Query never reads it). */
  indicator: (incidentId: string, indicatorId: string): Key => ({
    pk: `SHARE#${incidentId}`,
    sk: `IND#${indicatorId}`,
  }),
  /** TAXII collection (docs/sharing.md). */
  collection: (collectionId: string): Key => ({ pk: `COLLECTION#${collectionId}`, sk: '#COLLECTION' }),
  /** Sharing-ledger entry, under its incident (`-`: none), ordered by time. */
  ledgerEntry: (incidentId: string | undefined, at: string, entryId: string): Key => ({
    pk: `LEDGER#INC#${incidentId ?? '-'}`,
    sk: `${at}#${entryId}`,
  }),
  /** Coordination channel (top-level; its escalation rules are the policy of activations naming it). */
  channel: (channelId: string): Key => ({ pk: `CHANNEL#${channelId}`, sk: '#CHANNEL' }),
  /** Activation record, in its incident's item collection (the incident's ONE Query returns it). */
  activation: (incidentId: string, activationId: string): Key => ({
    pk: incidentPk(incidentId),
    sk: `ACTIVATION#${activationId}`,
  }),
  coordinatedAction: (incidentId: string, activationId: string, n: number): Key => ({
    pk: incidentPk(incidentId),
    sk: `ACTIVATION#${activationId}#A#${pad(n)}`,
  }),
  activationEscalation: (incidentId: string, activationId: string, n: number): Key => ({
    pk: incidentPk(incidentId),
    sk: `ACTIVATION#${activationId}#E#${pad(n)}`,
  }),
  /** Own partition: maps an activation id to its incident for the `/activations/{id}` routes. */
  activationPointer: (activationId: string): Key => ({ pk: `ACTIVATION#${activationId}`, sk: '#ACTIVATION' }),
  playbook: (playbookId: string): Key => ({ pk: `PLAYBOOK#${playbookId}`, sk: '#PLAYBOOK' }),
  // ---- reminders (docs/reminders.md): one marker per reminder sent, so a duplicate firing sends nothing ----
  /** `name` is the schedule's name (scheduleName), `due` the due instant it was planned for. */
  reminderSent: (name: string, due: string): Key => ({ pk: `REMINDER#${name}`, sk: `SENT#${due}` }),
  // ---- incident command (issue 5): current holders live on the incident item (`command`) ----
  /** An ended tenure of a command role, numbered by the timeline entry of the handover that ended it. */
  commandTenure: (incidentId: string, timelineSeq: number): Key => ({
    pk: incidentPk(incidentId),
    sk: `ROLE#${pad(timelineSeq, 10)}`,
  }),
  // ---- agreement updates, SLA breaches, joint reviews (docs/agreements.md) ----
  agreementUpdate: (updateId: string): Key => ({ pk: `AGRUPD#${updateId}`, sk: '#AGRUPD' }),
  /** In the third party's collection: one per incident and metric (recording twice is a no-op). */
  slaBreach: (orgId: string, incidentId: string, metric: string): Key => ({
    pk: orgPk(orgId),
    sk: `SLABREACH#${incidentId}#${metric}`,
  }),
  review: (incidentId: string): Key => ({ pk: `REVIEW#${incidentId}`, sk: '#REVIEW' }),
  reviewContribution: (incidentId: string, n: number): Key => ({
    pk: `REVIEW#${incidentId}`,
    sk: `CONTRIB#${pad(n)}`,
  }),
  playbookVersion: (playbookId: string, n: number): Key => ({
    pk: `PLAYBOOK#${playbookId}`,
    sk: `V#${pad(n)}`,
  }),
};

/** Index attributes of a shared playbook head. */
export function playbookIndexKeys(p: { id: string; name: string }) {
  return { gsi1pk: 'PLAYBOOK', gsi1sk: nameKey(p.name, p.id) };
}

/** Index attributes of a TAXII collection. */
export function collectionIndexKeys(c: { id: string; title: string }) {
  return { gsi1pk: 'COLLECTION', gsi1sk: nameKey(c.title, c.id) };
}

/** Index attributes of a ledger entry naming an organization (its ledger: gsi4). */
export function ledgerIndexKeys(e: {
  organizationId?: string | undefined;
  at: string;
  entryId: string;
}): Record<string, string> {
  return e.organizationId ? { gsi4pk: `LEDGER#ORG#${e.organizationId}`, gsi4sk: `${e.at}#${e.entryId}` } : {};
}

/** Partitions the sharing repository queries. */
export const sharingQueries = {
  indicators: (incidentId: string) => ({ pk: `SHARE#${incidentId}`, skPrefix: 'IND#' }),
  ledgerOfIncident: (incidentId: string) => ({ pk: `LEDGER#INC#${incidentId}` }),
  ledgerOfOrganization: (organizationId: string) => ({
    index: 'gsi4' as const,
    pkAttr: 'gsi4pk',
    pk: `LEDGER#ORG#${organizationId}`,
  }),
};

/** Index attributes of a coordination channel. */
export function channelIndexKeys(c: { id: string; name: string }) {
  return { gsi1pk: 'CHANNEL', gsi1sk: nameKey(c.name, c.id) };
}

/** Index attributes of an outbox item still to publish (the sweeper's Query: due first). */
export function outboxIndexKeys(o: { id: string; nextAttemptAt: string }) {
  return { gsi1pk: OUTBOX_PENDING, gsi1sk: `${o.nextAttemptAt}#${o.id}` };
}
export const OUTBOX_PENDING = 'OUTBOX#PENDING';

/** Sort-key prefixes for Queries inside one item collection. */
export const prefixes = {
  timeline: 'TL#',
  obligations: 'OBLIG#',
  incidentLinks: 'INC#',
  agreements: 'AGREEMENT#',
  templateVersions: 'V#',
  activations: 'ACTIVATION#',
  commandHistory: 'ROLE#',
  slaBreaches: 'SLABREACH#',
  reviewContributions: 'CONTRIB#',
} as const;

/** Index attributes of an agreement update: by organization (gsi1) and by source (gsi2), oldest first. */
export function agreementUpdateIndexKeys(u: {
  id: string;
  organizationId: string;
  source: { kind: string; id: string };
  createdAt: string;
}) {
  const sk = createdKey(u.createdAt, u.id);
  return {
    gsi1pk: `AGRUPD#ORG#${u.organizationId}`,
    gsi1sk: sk,
    gsi2pk: `AGRUPD#SRC#${u.source.kind}#${u.source.id}`,
    gsi2sk: sk,
  };
}

/** Sort-key prefix → kind of child item in an incident's collection. */
export const incidentChildKinds = {
  'ACTION#': 'action',
  'COMM#': 'communication',
  'ESC#': 'escalation',
  'LESSON#': 'lesson',
  'OBLIG#': 'obligation',
  'TL#': 'timeline',
  'ROLE#': 'commandTenure',
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
    gsi4pk: 'ORG',
    gsi4sk: sk,
  };
}

/** Index attributes of an organization other than a third party (third parties: `thirdPartyIndexKeys`). */
export function organizationIndexKeys(org: { id: string; name: string; kind: string }) {
  const sk = nameKey(org.name, org.id);
  return { gsi2pk: `ORG#KIND#${org.kind}`, gsi2sk: sk, gsi4pk: 'ORG', gsi4sk: sk };
}

/** Index attributes of a live contact; a deleted contact has none (hidden from every list). */
export function contactIndexKeys(c: {
  id: string;
  name: string;
  organizationId: string;
  stakeholderGroup: string;
  dimension: string;
}) {
  const sk = nameKey(c.name, c.id);
  return {
    gsi1pk: 'CONTACT',
    gsi1sk: sk,
    gsi2pk: `CONTACT#GROUP#${c.stakeholderGroup}`,
    gsi2sk: sk,
    gsi3pk: `CONTACT#DIM#${c.dimension}`,
    gsi3sk: sk,
    gsi4pk: `CONTACT#ORG#${c.organizationId}`,
    gsi4sk: `${c.stakeholderGroup}#${sk}`,
  };
}

/** Index attributes of a template head. */
export function templateIndexKeys(t: { id: string; name: string; audience: string }) {
  const sk = nameKey(t.name, t.id);
  return { gsi1pk: 'TEMPLATE', gsi1sk: sk, gsi2pk: `TEMPLATE#AUDIENCE#${t.audience}`, gsi2sk: sk };
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
  organizations: (f: { kind?: string }) =>
    f.kind === 'supplier'
      ? { index: 'gsi1' as const, pkAttr: 'gsi1pk', pk: 'THIRDPARTY' }
      : f.kind
        ? { index: 'gsi2' as const, pkAttr: 'gsi2pk', pk: `ORG#KIND#${f.kind}` }
        : { index: 'gsi4' as const, pkAttr: 'gsi4pk', pk: 'ORG' },
  /** Contacts: by organization (optionally one stakeholder group), else by group, dimension, or all. */
  contacts: (f: { organizationId?: string; stakeholderGroup?: string; dimension?: string }) =>
    f.organizationId
      ? {
          index: 'gsi4' as const,
          pkAttr: 'gsi4pk',
          pk: `CONTACT#ORG#${f.organizationId}`,
          ...(f.stakeholderGroup ? { skAttr: 'gsi4sk', skPrefix: `${f.stakeholderGroup}#` } : {}),
        }
      : f.stakeholderGroup
        ? { index: 'gsi2' as const, pkAttr: 'gsi2pk', pk: `CONTACT#GROUP#${f.stakeholderGroup}` }
        : f.dimension
          ? { index: 'gsi3' as const, pkAttr: 'gsi3pk', pk: `CONTACT#DIM#${f.dimension}` }
          : { index: 'gsi1' as const, pkAttr: 'gsi1pk', pk: 'CONTACT' },
  channels: () => ({ index: 'gsi1' as const, pkAttr: 'gsi1pk', pk: 'CHANNEL' }),
  collections: () => ({ index: 'gsi1' as const, pkAttr: 'gsi1pk', pk: 'COLLECTION' }),
  playbooks: () => ({ index: 'gsi1' as const, pkAttr: 'gsi1pk', pk: 'PLAYBOOK' }),
  agreementUpdatesOf: (organizationId: string) => ({
    index: 'gsi1' as const,
    pkAttr: 'gsi1pk',
    pk: `AGRUPD#ORG#${organizationId}`,
  }),
  agreementUpdatesFrom: (source: { kind: string; id: string }) => ({
    index: 'gsi2' as const,
    pkAttr: 'gsi2pk',
    pk: `AGRUPD#SRC#${source.kind}#${source.id}`,
  }),
  templates: (f: { audience?: string }) =>
    f.audience
      ? { index: 'gsi2' as const, pkAttr: 'gsi2pk', pk: `TEMPLATE#AUDIENCE#${f.audience}` }
      : { index: 'gsi1' as const, pkAttr: 'gsi1pk', pk: 'TEMPLATE' },
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
  'gsi4pk',
  'gsi4sk',
  'gsi5pk',
  'gsi5sk',
  'entity',
];

// ---------------------------------------------------------------- contact-directory verification
// (shared/db/verification-repo.ts, docs/verification.md)

/** Partition of the sparse gsi5 entries of live contacts (one partition: read in pages by the sweep). */
export const VERIFY_DUE = 'CONTACT#VERIFY';

/**
 * gsi5 entry of a live contact: the time the verification sweep must next act on it, i.e. the
 * stale deadline while a verification is outstanding (`verificationStaleAt`), else the next due date.
 * The sweep queries `gsi5pk = CONTACT#VERIFY AND gsi5sk < <now>$` (never a Scan).
 */
export function contactVerificationIndexKeys(c: {
  id: string;
  nextVerificationDue: string;
  verificationStaleAt?: string | null;
}) {
  return { gsi5pk: VERIFY_DUE, gsi5sk: `${c.verificationStaleAt ?? c.nextVerificationDue}#${c.id}` };
}

/**
 * Partition-key prefix of the failed-attempt counters: the one kind of item a REFUSED request writes
 * (that is what a rate limiter is for); test snapshots of "nothing written" leave these out.
 */
export const RATE_LIMIT_PREFIX = 'VERIFYLIMIT#';

export const verificationKeys = {
  /** Token item: the SHA-256 (hex) of the token is its only trace (the token itself is never stored). */
  token: (hash: string): Key => ({ pk: `VERIFYTOKEN#${hash}`, sk: '#TOKEN' }),
  /** Failed-attempt counter of one bucket (`<ip hash>#<window start>`), removed by TTL. */
  rateLimit: (bucket: string): Key => ({ pk: `${RATE_LIMIT_PREFIX}${bucket}`, sk: '#LIMIT' }),
  /** The sweep run (in progress, or the last one when done). */
  sweepRun: (): Key => ({ pk: 'VERIFYSWEEP', sk: '#RUN' }),
  /** The last completed sweep: results, flags, directory health (what GET /directory/health reads). */
  sweepLast: (): Key => ({ pk: 'VERIFYSWEEP', sk: '#LAST' }),
};

// ---------------------------------------------------------------- escalation (shared/domain/escalation)
//   ESCPOLICY#<polId>   #ESCPOLICY       escalation policy (levels, autoStart, version)
//                                        gsi1 ESCPOLICY / <name>#<id>; gsi2 ESCPOLICY#AUTO / <id> (autoStart only)
//   ESCTRIGGER#<trgId>  #ESCTRIGGER      escalation trigger (when, notify, version)
//                                        gsi1 ESCTRIGGER / <name>#<id>
//   INC#<incId>         ESCCHAIN#<chId>  escalation chain of the incident (levels, steps, status, version)

const ESCPOLICY_AUTO = 'ESCPOLICY#AUTO';

export const escalationKeys = {
  policy: (policyId: string): Key => ({ pk: `ESCPOLICY#${policyId}`, sk: '#ESCPOLICY' }),
  trigger: (triggerId: string): Key => ({ pk: `ESCTRIGGER#${triggerId}`, sk: '#ESCTRIGGER' }),
  /** In the incident's item collection: `GET /incidents/{id}` returns chains in its ONE Query. */
  chain: (incidentId: string, chainId: string): Key => ({
    pk: incidentPk(incidentId),
    sk: `ESCCHAIN#${chainId}`,
  }),
  /** Sort-key prefix of an incident's chains. */
  chainPrefix: 'ESCCHAIN#',
  /** Index attributes of a policy; only policies with `autoStart` are in the sparse gsi2 partition. */
  policyIndexKeys: (p: { id: string; name: string; autoStart?: unknown }) => ({
    gsi1pk: 'ESCPOLICY',
    gsi1sk: nameKey(p.name, p.id),
    ...(p.autoStart ? { gsi2pk: ESCPOLICY_AUTO, gsi2sk: p.id } : {}),
  }),
  triggerIndexKeys: (t: { id: string; name: string }) => ({
    gsi1pk: 'ESCTRIGGER',
    gsi1sk: nameKey(t.name, t.id),
  }),
  policies: () => ({ index: 'gsi1' as const, pkAttr: 'gsi1pk', pk: 'ESCPOLICY' }),
  autoStartPolicies: () => ({ index: 'gsi2' as const, pkAttr: 'gsi2pk', pk: ESCPOLICY_AUTO }),
  triggers: () => ({ index: 'gsi1' as const, pkAttr: 'gsi1pk', pk: 'ESCTRIGGER' }),
};

//   ACKTOKEN#<sha256>   #TOKEN           an escalation acknowledgement link (hash only; contact,
//                                        incident, chain, level, expiry, usedAt), TTL a week past expiry
export const ackKeys = {
  token: (hash: string): Key => ({ pk: `ACKTOKEN#${hash}`, sk: '#TOKEN' }),
};

// ---------------------------------------------------------------- evidence (docs/evidence.md)
//   INC#<incId>  CUSTODY#<nnnnnn>#<nnnnnn>  custody entry m of evidence item EVD-n (append-only)
//   INC#<incId>  EVIDENCE#<nnnnnn>          evidence item EVD-n (numbered by the incident's evidenceSeq)
//   INC#<incId>  HOLD#<nnnnnn>              legal or disclosure hold HOLD-n (numbered by holdSeq)
// Sort keys CUSTODY#, EVIDENCE#, HOLD# fall outside the ranges getHead reads (ACTIVATION#,
// ESCCHAIN#, OBLIG#…ROLE#), so GET /incidents/{id} reads none of them.
// S3: the evidence bucket's object key of an item is `incidents/<incId>/evidence/<EVD-n>`.

export const evidenceKeys = {
  item: (incidentId: string, n: number): Key => ({ pk: incidentPk(incidentId), sk: `EVIDENCE#${pad(n)}` }),
  custody: (incidentId: string, n: number, seq: number): Key => ({
    pk: incidentPk(incidentId),
    sk: `CUSTODY#${pad(n)}#${pad(seq)}`,
  }),
  hold: (incidentId: string, n: number): Key => ({ pk: incidentPk(incidentId), sk: `HOLD#${pad(n)}` }),
  itemPrefix: 'EVIDENCE#',
  custodyPrefix: (n: number) => `CUSTODY#${pad(n)}#`,
  holdPrefix: 'HOLD#',
  /** The S3 object key of an evidence item (one object, each upload a version). */
  objectKey: (incidentId: string, evidenceId: string) => `incidents/${incidentId}/evidence/${evidenceId}`,
  /**
   * The S3 object key of an inbound e-mail attachment (docs/inbound-email.md): by content, written
   * at receipt (so a quarantined message's files are kept under the bucket's retention too), each
   * write a version; the evidence item registered when the message is recorded names the version.
   */
  inboundObjectKey: (incidentId: string, sha256: string) => `incidents/${incidentId}/inbound/${sha256}`,
};

// ---------------------------------------------------------------- exercises (docs/exercises.md)
//   EXERCISE#<exId>  #EXERCISE         exercise (incident, playbook, injects, status, results, version)
//                                      gsi1 EXERCISE#PLAYBOOK#<pbId> | EXERCISE#SCENARIO / <startAt>#<exId>
//   EXERCISE#<exId>  INJECT#<nnnnnn>   inject n fired (the claim of its firing: written once, with its notice)
//   EXERCISE#<exId>  FINDING#<nnnnnn>  finding n (what it proposes; the link it became)
const exercisePk = (exerciseId: string) => `EXERCISE#${exerciseId}`;

export const exerciseKeys = {
  exercise: (exerciseId: string): Key => ({ pk: exercisePk(exerciseId), sk: '#EXERCISE' }),
  injectFired: (exerciseId: string, n: number): Key => ({
    pk: exercisePk(exerciseId),
    sk: `INJECT#${pad(n)}`,
  }),
  finding: (exerciseId: string, n: number): Key => ({ pk: exercisePk(exerciseId), sk: `FINDING#${pad(n)}` }),
  /** The exercise's partition: the record, fired injects and findings in ONE Query. */
  partition: exercisePk,
  /** Index attributes: exercises of one playbook (or scenario-only ones) by start. */
  indexKeys: (e: { id: string; playbookId?: string | undefined; startAt: string }) => ({
    gsi1pk: e.playbookId ? `EXERCISE#PLAYBOOK#${e.playbookId}` : 'EXERCISE#SCENARIO',
    gsi1sk: `${e.startAt}#${e.id}`,
  }),
  ofPlaybook: (playbookId: string) => ({
    index: 'gsi1' as const,
    pkAttr: 'gsi1pk',
    pk: `EXERCISE#PLAYBOOK#${playbookId}`,
  }),
};

/**
 * Inbound e-mail (docs/inbound-email.md): one item per received message, `INBOUND#<id>` / `#INBOUND`;
 * while quarantined it is indexed on gsi1 (`INBOUND#QUARANTINE` / `<receivedAt>#<id>`, sparse).
 */
export const INBOUND_QUARANTINE = 'INBOUND#QUARANTINE';
export const inboundKeys = {
  email: (id: string): Key => ({ pk: `INBOUND#${id}`, sk: '#INBOUND' }),
  quarantineIndexKeys: (m: { id: string; receivedAt: string }) => ({
    gsi1pk: INBOUND_QUARANTINE,
    gsi1sk: `${m.receivedAt}#${m.id}`,
  }),
  quarantined: () => ({ index: 'gsi1' as const, pkAttr: 'gsi1pk', pk: INBOUND_QUARANTINE }),
};
