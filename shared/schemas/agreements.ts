/**
 * Contract and agreement updates after an incident, contractual SLAs measured per incident, and the
 * joint post-incident review (docs/agreements.md): requests and responses.
 */
import { z } from 'zod';
import { Id, PageQuery, Text, Timestamp, TimestampOut, Tlp } from './common.js';

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
export const AgreementTopic = z.enum(AGREEMENT_TOPICS).meta({
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
export const AgreementUpdateStatus = z.enum(AGREEMENT_UPDATE_STATUSES).meta({
  description:
    'proposed → agreed → drafted → signed; rejected (by the counterparty) or withdrawn (by us) from any open state',
});
export type AgreementUpdateStatus = z.infer<typeof AgreementUpdateStatus>;

/** What raised the update: an incident, or an exercise (a finding raised, docs/exercises.md). */
export const UPDATE_SOURCE_KINDS = ['incident', 'exercise'] as const;
export const UpdateSource = z
  .strictObject({
    kind: z.enum(UPDATE_SOURCE_KINDS).meta({ description: 'incident, or exercise (its finding raised)' }),
    id: Id,
  })
  .meta({
    id: 'AgreementUpdateSource',
    description: 'What raised the update: `{kind: "incident" | "exercise", id}`',
  });
export type UpdateSource = z.infer<typeof UpdateSource>;

export const SlaMetric = z.enum(['notification', 'acknowledgement']).meta({
  description:
    'notification: the third party notifies within `notificationHours` of awareness; acknowledgement: it acknowledges within `acknowledgementHours` of our first message to it',
});
export type SlaMetric = z.infer<typeof SlaMetric>;

export const CreateAgreementUpdateBody = z
  .strictObject({
    organizationId: Id.meta({
      description: 'The third party (or other organization) the update is raised against',
    }),
    agreementId: Id.optional().meta({
      description: "One of the organization's sharing agreements (optional)",
    }),
    source: UpdateSource,
    topic: AgreementTopic,
    proposedChange: Text(5000),
    owner: Text(200).meta({ description: 'Who drives it: a contact id (reminded) or a name' }),
    dueDate: Timestamp.meta({ description: 'Reminded like an action due date (docs/reminders.md)' }),
  })
  .meta({ id: 'CreateAgreementUpdate' });
export type CreateAgreementUpdateBody = z.infer<typeof CreateAgreementUpdateBody>;

export const UpdateAgreementUpdateBody = z
  .strictObject({
    status: AgreementUpdateStatus.optional().meta({
      description: 'The next status (409 INVALID_TRANSITION naming from and to otherwise)',
    }),
    proposedChange: Text(5000).optional(),
    owner: Text(200).optional(),
    dueDate: Timestamp.optional().meta({ description: 'A new due date (its reminders are re-planned)' }),
    note: Text(2000).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one field' })
  .meta({ id: 'UpdateAgreementUpdate' });
export type UpdateAgreementUpdateBody = z.infer<typeof UpdateAgreementUpdateBody>;

export const AgreementUpdate = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    agreementId: z.string().optional(),
    source: z.object({ kind: z.enum(UPDATE_SOURCE_KINDS), id: z.string() }),
    findingId: z
      .string()
      .optional()
      .meta({ description: 'The exercise finding it was raised from (FINDING-n; source kind exercise)' }),
    topic: AgreementTopic,
    proposedChange: z.string(),
    owner: z.string(),
    dueDate: TimestampOut,
    status: AgreementUpdateStatus,
    slaBreach: z
      .object({ incidentId: z.string(), metric: SlaMetric })
      .optional()
      .meta({ description: 'Set when raised from a measured SLA breach' }),
    history: z.array(
      z.object({
        from: AgreementUpdateStatus.nullable(),
        to: AgreementUpdateStatus,
        at: TimestampOut,
        by: z.string(),
        note: z.string().optional(),
      }),
    ),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'AgreementUpdate' });
export type AgreementUpdate = z.infer<typeof AgreementUpdate>;

export const AgreementUpdatesQuery = z.strictObject({ ...PageQuery });
export type AgreementUpdatesQuery = z.infer<typeof AgreementUpdatesQuery>;

// ---------- contractual SLAs ----------

export const SlaMeasurement = z
  .object({
    thirdPartyId: z.string(),
    metric: SlaMetric,
    limitHours: z.number(),
    startedAt: TimestampOut.nullable().meta({
      description:
        'notification: the incident discovery (awareness); acknowledgement: our first message to the third party; null: not started',
    }),
    dueAt: TimestampOut.nullable(),
    metAt: TimestampOut.nullable().meta({ description: 'When the third party notified / acknowledged' }),
    evidence: z.string().optional().meta({ description: 'The communication or timeline entry that met it' }),
    status: z.enum(['met', 'breached', 'pending', 'not_started']),
    hoursTaken: z
      .number()
      .nullable()
      .meta({ description: 'Hours from start to met (or to now when breached and still unmet)' }),
  })
  .meta({ id: 'SlaMeasurement' });
export type SlaMeasurement = z.infer<typeof SlaMeasurement>;

export const IncidentSla = z
  .object({
    incidentId: z.string(),
    measuredAt: TimestampOut,
    measurements: z.array(SlaMeasurement),
    breaches: z.array(SlaMeasurement),
  })
  .meta({ id: 'IncidentSla' });
export type IncidentSla = z.infer<typeof IncidentSla>;

export const RecordSlaBreachesBody = z
  .strictObject({
    owner: Text(200).meta({ description: 'Owner of each agreement update proposed from a breach' }),
    dueDate: Timestamp,
    thirdPartyId: Id.optional().meta({ description: 'Only the breaches of this third party' }),
  })
  .meta({ id: 'RecordSlaBreaches' });
export type RecordSlaBreachesBody = z.infer<typeof RecordSlaBreachesBody>;

export const SlaBreach = z
  .object({
    thirdPartyId: z.string(),
    incidentId: z.string(),
    metric: SlaMetric,
    limitHours: z.number(),
    dueAt: TimestampOut,
    metAt: TimestampOut.nullable(),
    agreementUpdateId: z.string(),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  })
  .meta({ id: 'SlaBreach' });
export type SlaBreach = z.infer<typeof SlaBreach>;

export const RecordedSlaBreaches = z
  .object({ recorded: z.array(SlaBreach), agreementUpdates: z.array(AgreementUpdate) })
  .meta({ id: 'RecordedSlaBreaches' });
export type RecordedSlaBreaches = z.infer<typeof RecordedSlaBreaches>;

// ---------- joint post-incident review ----------

export const OpenReviewBody = z
  .strictObject({
    participants: z
      .array(Id)
      .min(1)
      .max(40)
      .refine((xs) => new Set(xs).size === xs.length, { message: 'lists an organization twice' })
      .meta({ description: 'Organizations taking part in the incident that contribute' }),
    tlp: Tlp.optional().meta({ description: "Default marking of contributions; default the incident's" }),
  })
  .meta({ id: 'OpenReview' });
export type OpenReviewBody = z.infer<typeof OpenReviewBody>;

export const ContributionKind = z.enum(['finding', 'lesson']);

export const CreateContributionBody = z
  .strictObject({
    kind: ContributionKind,
    text: Text(5000),
    recommendation: Text(5000).optional(),
    tlp: Tlp.optional().meta({ description: "Default: the review's; never above the incident's" }),
  })
  .meta({ id: 'CreateReviewContribution' });
export type CreateContributionBody = z.infer<typeof CreateContributionBody>;

export const ConsolidateReviewBody = z
  .strictObject({
    summary: Text(10_000),
    include: z
      .array(Id)
      .max(100)
      .default([])
      .meta({ description: 'Contribution ids (`CONTRIB-n`) shared with the result; each at most `tlp`' }),
    tlp: Tlp.meta({ description: 'The marking the result is shared at' }),
  })
  .meta({ id: 'ConsolidateReview' });
export type ConsolidateReviewBody = z.infer<typeof ConsolidateReviewBody>;

export const ReviewContribution = z
  .object({
    contributionId: z.string(),
    organizationId: z
      .string()
      .meta({ description: "The contributor's organization (`internal`: the operator)" }),
    kind: ContributionKind,
    text: z.string(),
    recommendation: z.string().optional(),
    tlp: Tlp,
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  })
  .meta({ id: 'ReviewContribution' });
export type ReviewContribution = z.infer<typeof ReviewContribution>;

export const Review = z
  .object({
    incidentId: z.string(),
    status: z.enum(['open', 'shared']),
    participants: z.array(z.string()),
    tlp: Tlp,
    contributions: z.array(ReviewContribution),
    withheldContributions: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Partners: contributions of others the TLP withholds from this reader' }),
    result: z
      .object({
        summary: z.string(),
        tlp: Tlp,
        included: z.array(z.string()),
        communicationId: z.string(),
        sharedAt: TimestampOut,
        sharedBy: z.string(),
      })
      .optional(),
    openedAt: TimestampOut,
    openedBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Review' });
export type Review = z.infer<typeof Review>;
