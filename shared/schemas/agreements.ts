/**
 * Contract and agreement updates after an incident, contractual SLAs measured per incident, and the
 * joint post-incident review (docs/agreements.md): requests and responses.
 */
import * as z from 'zod/mini';
import { Id, meta, PageQuery, Text, Timestamp, TimestampOut, Tlp } from './common.js';

/** The clause or topic an agreement update is about (closed list; `other` with the proposed change). */
export const AGREEMENT_TOPICS = [
  'notification_sla',
  'right_to_audit',
  'data_location',
  'sub_processor_notice',
  'security_requirements',
  'tlp_ceiling',
  'other',
] as const;
export const AgreementTopic = meta(z.enum(AGREEMENT_TOPICS), {
  description:
    'notification_sla, right_to_audit, data_location, sub_processor_notice, security_requirements, tlp_ceiling, other',
});
export type AgreementTopic = z.infer<typeof AgreementTopic>;

export const AGREEMENT_UPDATE_STATUSES = [
  'proposed',
  'agreed',
  'drafted',
  'signed',
  'rejected',
  'withdrawn',
] as const;
export const AgreementUpdateStatus = meta(z.enum(AGREEMENT_UPDATE_STATUSES), {
  description:
    'proposed → agreed → drafted → signed; rejected (by the counterparty) or withdrawn (by us) from any open state',
});
export type AgreementUpdateStatus = z.infer<typeof AgreementUpdateStatus>;

/** What raised the update: an incident, or an exercise (a finding raised, docs/exercises.md). */
export const UPDATE_SOURCE_KINDS = ['incident', 'exercise'] as const;
export const UpdateSource = meta(
  z.strictObject({
    kind: meta(z.enum(UPDATE_SOURCE_KINDS), { description: 'incident, or exercise (its finding raised)' }),
    id: Id,
  }),
  {
    id: 'AgreementUpdateSource',
    description: 'What raised the update: `{kind: "incident" | "exercise", id}`',
  },
);
export type UpdateSource = z.infer<typeof UpdateSource>;

export const SlaMetric = meta(z.enum(['notification', 'acknowledgement']), {
  description:
    'notification: the third party notifies within `notificationHours` of awareness; acknowledgement: it acknowledges within `acknowledgementHours` of our first message to it',
});
export type SlaMetric = z.infer<typeof SlaMetric>;

export const CreateAgreementUpdateBody = meta(
  z.strictObject({
    organizationId: meta(Id, {
      description: 'The third party (or other organization) the update is raised against',
    }),
    agreementId: meta(z.optional(Id), {
      description: "One of the organization's sharing agreements (optional)",
    }),
    source: UpdateSource,
    topic: AgreementTopic,
    proposedChange: Text(5000),
    owner: meta(Text(200), { description: 'Who drives it: a contact id (reminded) or a name' }),
    dueDate: meta(Timestamp, { description: 'Reminded like an action due date (docs/reminders.md)' }),
  }),
  { id: 'CreateAgreementUpdate' },
);
export type CreateAgreementUpdateBody = z.infer<typeof CreateAgreementUpdateBody>;

export const UpdateAgreementUpdateBody = meta(
  z
    .strictObject({
      status: meta(z.optional(AgreementUpdateStatus), {
        description: 'The next status (409 INVALID_TRANSITION naming from and to otherwise)',
      }),
      proposedChange: z.optional(Text(5000)),
      owner: z.optional(Text(200)),
      dueDate: meta(z.optional(Timestamp), { description: 'A new due date (its reminders are re-planned)' }),
      note: z.optional(Text(2000)),
    })
    .check(z.refine((b) => Object.keys(b).length > 0, { message: 'give at least one field' })),
  { id: 'UpdateAgreementUpdate' },
);
export type UpdateAgreementUpdateBody = z.infer<typeof UpdateAgreementUpdateBody>;

export const AgreementUpdate = meta(
  z.object({
    id: z.string(),
    organizationId: z.string(),
    agreementId: z.optional(z.string()),
    source: z.object({ kind: z.enum(UPDATE_SOURCE_KINDS), id: z.string() }),
    findingId: meta(z.optional(z.string()), {
      description: 'The exercise finding it was raised from (FINDING-n; source kind exercise)',
    }),
    topic: AgreementTopic,
    proposedChange: z.string(),
    owner: z.string(),
    dueDate: TimestampOut,
    status: AgreementUpdateStatus,
    slaBreach: meta(z.optional(z.object({ incidentId: z.string(), metric: SlaMetric })), {
      description: 'Set when raised from a measured SLA breach',
    }),
    history: z.array(
      z.object({
        from: z.nullable(AgreementUpdateStatus),
        to: AgreementUpdateStatus,
        at: TimestampOut,
        by: z.string(),
        note: z.optional(z.string()),
      }),
    ),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().check(z.int()),
  }),
  { id: 'AgreementUpdate' },
);
export type AgreementUpdate = z.infer<typeof AgreementUpdate>;

export const AgreementUpdatesQuery = z.strictObject({ ...PageQuery });
export type AgreementUpdatesQuery = z.infer<typeof AgreementUpdatesQuery>;

// ---------- contractual SLAs ----------

export const SlaMeasurement = meta(
  z.object({
    thirdPartyId: z.string(),
    metric: SlaMetric,
    limitHours: z.number(),
    startedAt: meta(z.nullable(TimestampOut), {
      description:
        'notification: the incident discovery (awareness); acknowledgement: our first message to the third party; null: not started',
    }),
    dueAt: z.nullable(TimestampOut),
    metAt: meta(z.nullable(TimestampOut), { description: 'When the third party notified / acknowledged' }),
    evidence: meta(z.optional(z.string()), {
      description: 'The communication or timeline entry that met it',
    }),
    status: z.enum(['met', 'breached', 'pending', 'not_started']),
    hoursTaken: meta(z.nullable(z.number()), {
      description: 'Hours from start to met (or to now when breached and still unmet)',
    }),
  }),
  { id: 'SlaMeasurement' },
);
export type SlaMeasurement = z.infer<typeof SlaMeasurement>;

export const IncidentSla = meta(
  z.object({
    incidentId: z.string(),
    measuredAt: TimestampOut,
    measurements: z.array(SlaMeasurement),
    breaches: z.array(SlaMeasurement),
  }),
  { id: 'IncidentSla' },
);
export type IncidentSla = z.infer<typeof IncidentSla>;

export const RecordSlaBreachesBody = meta(
  z.strictObject({
    owner: meta(Text(200), { description: 'Owner of each agreement update proposed from a breach' }),
    dueDate: Timestamp,
    thirdPartyId: meta(z.optional(Id), { description: 'Only the breaches of this third party' }),
  }),
  { id: 'RecordSlaBreaches' },
);
export type RecordSlaBreachesBody = z.infer<typeof RecordSlaBreachesBody>;

export const SlaBreach = meta(
  z.object({
    thirdPartyId: z.string(),
    incidentId: z.string(),
    metric: SlaMetric,
    limitHours: z.number(),
    dueAt: TimestampOut,
    metAt: z.nullable(TimestampOut),
    agreementUpdateId: z.string(),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  }),
  { id: 'SlaBreach' },
);
export type SlaBreach = z.infer<typeof SlaBreach>;

export const RecordedSlaBreaches = meta(
  z.object({ recorded: z.array(SlaBreach), agreementUpdates: z.array(AgreementUpdate) }),
  { id: 'RecordedSlaBreaches' },
);
export type RecordedSlaBreaches = z.infer<typeof RecordedSlaBreaches>;

// ---------- joint post-incident review ----------

export const OpenReviewBody = meta(
  z.strictObject({
    participants: meta(
      z.array(Id).check(
        z.minLength(1),
        z.maxLength(40),
        z.refine((xs) => new Set(xs).size === xs.length, { message: 'lists an organization twice' }),
      ),
      { description: 'Organizations taking part in the incident that contribute' },
    ),
    tlp: meta(z.optional(Tlp), { description: "Default marking of contributions; default the incident's" }),
  }),
  { id: 'OpenReview' },
);
export type OpenReviewBody = z.infer<typeof OpenReviewBody>;

export const ContributionKind = z.enum(['finding', 'lesson']);

export const CreateContributionBody = meta(
  z.strictObject({
    kind: ContributionKind,
    text: Text(5000),
    recommendation: z.optional(Text(5000)),
    tlp: meta(z.optional(Tlp), { description: "Default: the review's; never above the incident's" }),
  }),
  { id: 'CreateReviewContribution' },
);
export type CreateContributionBody = z.infer<typeof CreateContributionBody>;

export const ConsolidateReviewBody = meta(
  z.strictObject({
    summary: Text(10_000),
    include: meta(z._default(z.array(Id).check(z.maxLength(100)), []), {
      description: 'Contribution ids (`CONTRIB-n`) shared with the result; each at most `tlp`',
    }),
    tlp: meta(Tlp, { description: 'The marking the result is shared at' }),
  }),
  { id: 'ConsolidateReview' },
);
export type ConsolidateReviewBody = z.infer<typeof ConsolidateReviewBody>;

export const ReviewContribution = meta(
  z.object({
    contributionId: z.string(),
    organizationId: meta(z.string(), {
      description: "The contributor's organization (`internal`: the operator)",
    }),
    kind: ContributionKind,
    text: z.string(),
    recommendation: z.optional(z.string()),
    tlp: Tlp,
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  }),
  { id: 'ReviewContribution' },
);
export type ReviewContribution = z.infer<typeof ReviewContribution>;

export const Review = meta(
  z.object({
    incidentId: z.string(),
    status: z.enum(['open', 'shared']),
    participants: z.array(z.string()),
    tlp: Tlp,
    contributions: z.array(ReviewContribution),
    withheldContributions: meta(z.optional(z.number().check(z.int())), {
      description: 'Partners: contributions of others the TLP withholds from this reader',
    }),
    result: z.optional(
      z.object({
        summary: z.string(),
        tlp: Tlp,
        included: z.array(z.string()),
        communicationId: z.string(),
        sharedAt: TimestampOut,
        sharedBy: z.string(),
      }),
    ),
    openedAt: TimestampOut,
    openedBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().check(z.int()),
  }),
  { id: 'Review' },
);
export type Review = z.infer<typeof Review>;
