import { z } from 'zod';
import { AgreementUpdate, SlaMeasurement } from './agreements.js';
import { Command, CommandTenure } from './command.js';
import { Id, PageQuery, Priority, Severity, Text, Timestamp, TimestampOut, Tlp } from './common.js';
import { StakeholderGroup } from './contacts.js';
import { Activation, ParticipantsByDimension } from './coordination.js';
import { EscalationChain } from './escalation.js';
import { CreateEscalationBody, Escalation } from './escalations.js';
import { Audience } from './evidence.js';
import { InboundAttachment } from './inbound.js';
import { Obligation, RegimeSuggestion, ReportObligation } from './obligations.js';

export { CreateEscalationBody, Escalation };

export const IncidentStatus = z.enum(['open', 'closed']);
export const ActionStatus = z.enum(['pending', 'in_progress', 'completed', 'cancelled']);
export type ActionStatus = z.infer<typeof ActionStatus>;
export const ImpactLevel = z.enum(['critical', 'high', 'medium', 'low', 'unknown']);
export const ImpactGrade = z.enum(['severe', 'moderate', 'minor', 'none', 'unknown']);
export const Direction = z.enum(['inbound', 'outbound']);

// ---------- requests ----------

export const CreateIncidentBody = z
  .strictObject({
    id: Id.optional(),
    title: Text(300),
    description: Text(10_000),
    severity: Severity,
    category: Text(100).meta({ description: 'e.g. data_breach, ransomware, service_outage' }),
    // 40 keeps every incident transaction (incident + 40 counters + 40 links + timeline) under
    // DynamoDB's 100-item TransactWriteItems limit.
    affectedThirdParties: z
      .array(Id)
      .max(40)
      .superRefine((ids, ctx) => {
        ids.forEach((id, i) => {
          if (ids.indexOf(id) < i) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate of ${id}` });
        });
      })
      .meta({ description: 'Each third party once (a repeated one is a 400 on its index)' })
      .optional(),
    discoveredBy: Text(200).optional(),
    discoveryDate: Timestamp.optional(),
    tlp: Tlp.optional().meta({
      description: 'TLP 2.0 level of the incident; its communications inherit it. Default AMBER',
    }),
    exercise: z.boolean().optional().meta({
      description:
        'An exercise (drill) incident: set at creation only, never changed; its notices are marked [EXERCISE], it counts in no production figure and its regulator clocks are simulated (docs/exercises.md)',
    }),
  })
  .meta({ id: 'CreateIncident' });
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;

export const ImpactAssessmentBody = z
  .strictObject({
    businessImpact: ImpactLevel,
    financialImpact: z.number().min(0).max(1e15),
    reputationImpact: ImpactGrade,
    regulatoryImpact: ImpactGrade,
    dataCompromised: z.array(Text(200)).max(100).optional(),
    systemsAffected: z.array(Text(200)).max(200).optional(),
    customersAffected: z.number().int().min(0).max(1e12).optional(),
    estimatedDowntime: z.number().min(0).max(1e6).optional().meta({ description: 'hours' }),
    recoveryTime: z.number().min(0).max(1e6).optional().meta({ description: 'hours' }),
  })
  .meta({ id: 'ImpactAssessment' });
export type ImpactAssessmentBody = z.infer<typeof ImpactAssessmentBody>;

export const CreateActionBody = z
  .strictObject({
    description: Text(2000),
    assignedTo: Text(200),
    thirdParty: Id.optional(),
    actionType: Text(100).optional(),
    priority: Priority.optional(),
    dueDate: Timestamp.optional(),
  })
  .meta({ id: 'CreateAction' });
export type CreateActionBody = z.infer<typeof CreateActionBody>;

export const UpdateActionBody = z
  .strictObject({
    status: ActionStatus,
    notes: Text(2000).optional(),
    dueDate: Timestamp.nullable()
      .optional()
      .meta({ description: 'A new due date (its reminders are re-planned); null removes it' }),
  })
  .meta({ id: 'UpdateAction' });
export type UpdateActionBody = z.infer<typeof UpdateActionBody>;

export const Recipients = z
  .strictObject({
    contacts: z.array(Id).max(100).optional().meta({ description: 'Contacts named individually' }),
    organizations: z.array(Id).max(40).optional().meta({ description: 'Every live contact of each' }),
    groups: z.array(StakeholderGroup).max(17).optional().meta({ description: 'Every live contact of each' }),
  })
  .meta({ id: 'Recipients' });
export type Recipients = z.infer<typeof Recipients>;

/**
 * Cross-field rules of a communication (THE list: the schema checks them, OpenAPI lists them in the
 * schema's `description` and `x-cross-field-rules`; as JSON Schema `allOf`/`anyOf` they would trip
 * Redocly's no-required-schema-properties-undefined). Each problem is a 400 detail on its field.
 */
const COMMUNICATION_SHAPE_RULES = [
  { field: 'recipients', rule: 'recipients only on an outbound communication' },
  { field: 'sentTo', rule: 'sentTo is required unless recipients are given' },
  { field: 'templateId', rule: 'templateId only together with recipients' },
  { field: 'subject', rule: 'subject and content are required without a template' },
] as const;

interface CommunicationShape {
  readonly direction: 'inbound' | 'outbound';
  readonly recipients?: unknown;
  readonly sentTo?: unknown;
  readonly templateId?: unknown;
  readonly subject?: unknown;
  readonly content?: unknown;
}

function communicationShapeProblems(body: CommunicationShape): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  if (body.recipients && body.direction !== 'outbound') {
    problems.push({ path: ['recipients'], message: 'only outbound communications have recipients' });
  }
  if (!body.recipients && !body.sentTo) {
    problems.push({ path: ['sentTo'], message: 'required unless recipients are given' });
  }
  if (body.templateId && !body.recipients) {
    problems.push({ path: ['templateId'], message: 'a template is used for outbound recipients only' });
  }
  if (!body.templateId) {
    if (body.subject === undefined)
      problems.push({ path: ['subject'], message: 'required without a template' });
    if (body.content === undefined)
      problems.push({ path: ['content'], message: 'required without a template' });
  }
  return problems;
}

export const CreateCommunicationBody = z
  .strictObject({
    type: Text(100).meta({ description: 'e.g. email, call, meeting, portal' }),
    direction: Direction,
    thirdParty: Id.optional(),
    subject: Text(500).optional().meta({ description: 'Required unless a template gives it' }),
    content: Text(50_000).optional().meta({ description: 'Required unless a template gives it' }),
    sentTo: z
      .array(Text(320))
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'Free-text addressees of a recorded communication; required without recipients' }),
    recipients: Recipients.optional().meta({
      description:
        'Outbound only: delivered through SNS to these contacts, each checked against the TLP rules',
    }),
    templateId: Id.optional().meta({
      description: "Render the template's approved version for the incident",
    }),
    tlp: Tlp.optional().meta({
      description: "Default: the incident's level; a coordinator may lower it (recorded), never raise it",
    }),
    priority: Priority.optional(),
    audience: Audience.optional().meta({
      description:
        'Who it is for (default partners); an active disclosure hold refuses its audiences (409 DISCLOSURE_HOLD)',
    }),
    overrideReason: Text(2000).optional().meta({
      description:
        'Admin only: send despite a disclosure hold; recorded on the communication and the timeline',
    }),
  })
  .superRefine((body, ctx) => {
    for (const problem of communicationShapeProblems(body)) ctx.addIssue({ code: 'custom', ...problem });
  })
  .meta({
    id: 'CreateCommunication',
    description: COMMUNICATION_SHAPE_RULES.map((r) => r.rule).join('; '),
    'x-cross-field-rules': COMMUNICATION_SHAPE_RULES.map((r) => ({ field: r.field, rule: r.rule })),
  });
export type CreateCommunicationBody = z.infer<typeof CreateCommunicationBody>;

export const CreateLessonBody = z
  .strictObject({ lesson: Text(5000), category: Text(100).optional(), recommendation: Text(5000).optional() })
  .meta({ id: 'CreateLesson' });
export type CreateLessonBody = z.infer<typeof CreateLessonBody>;

export const CloseIncidentBody = z
  .strictObject({ reason: Text(200).default('resolved'), notes: Text(5000).optional() })
  .meta({ id: 'CloseIncident' });
export type CloseIncidentBody = z.infer<typeof CloseIncidentBody>;

export const ReopenIncidentBody = z
  .strictObject({ reason: Text(2000).optional() })
  .meta({ id: 'ReopenIncident' });
export type ReopenIncidentBody = z.infer<typeof ReopenIncidentBody>;

export const ListIncidentsQuery = z.strictObject({
  ...PageQuery,
  status: IncidentStatus.optional(),
  priority: Priority.optional(),
  thirdParty: Id.optional(),
  exercise: z.enum(['exclude', 'include', 'only']).optional().meta({
    description:
      'Exercise incidents: left out by default (`exclude`), listed with the others (`include`) or alone (`only`)',
  }),
});
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>;

export const TimelineQuery = z.strictObject({ ...PageQuery, limit: PageQuery.limit.default(100) });
export type TimelineQuery = z.infer<typeof TimelineQuery>;

// ---------- responses ----------

export const ImpactAssessment = ImpactAssessmentBody.extend({
  assessedAt: TimestampOut,
  assessedBy: z.string(),
  impactFactors: z.number(),
}).meta({ id: 'ImpactAssessmentRecord' });

export const Action = z
  .object({
    actionId: z.string(),
    description: z.string(),
    assignedTo: z.string(),
    thirdParty: z.string().optional(),
    actionType: z.string().optional(),
    priority: Priority,
    dueDate: TimestampOut.optional(),
    status: ActionStatus,
    notes: z.string().optional(),
    completedDate: TimestampOut.optional(),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Action' });
export type Action = z.infer<typeof Action>;

export const Communication = z
  .object({
    communicationId: z.string(),
    type: z.string(),
    direction: Direction,
    thirdParty: z.string().optional(),
    subject: z.string(),
    content: z.string(),
    sentTo: z.array(z.string()),
    priority: Priority,
    tlp: Tlp.optional(),
    tlpLoweredFrom: Tlp.optional().meta({
      description: "The incident's level, when a coordinator lowered it",
    }),
    template: z.object({ templateId: z.string(), version: z.number().int() }).optional(),
    recipients: Recipients.optional(),
    audience: Audience.optional(),
    disclosureOverride: z
      .object({ holds: z.array(z.string()), reason: z.string(), by: z.string() })
      .optional()
      .meta({ description: 'Sent despite these disclosure holds, by an admin, for this reason' }),
    notice: z.object({ kind: z.string(), exercise: z.boolean().optional() }).optional().meta({
      description: 'Set when Liaison sent it by itself (escalation level, reminder, overdue notice …)',
    }),
    delivery: z
      .object({
        status: z.enum(['pending', 'sent', 'failed']),
        organizations: z.array(
          z.object({
            organizationId: z.string(),
            messageId: z.string(),
            recipients: z.array(z.string()),
            status: z.enum(['pending', 'sent', 'failed']),
            attempts: z.number().int().optional().meta({ description: 'Publish attempts so far' }),
            lastError: z.string().optional().meta({ description: 'Why the last attempt failed' }),
          }),
        ),
      })
      .optional()
      .meta({
        description: 'SNS delivery: one message per organization (see GET /incidents/{id} for updates)',
      }),
    inbound: z
      .object({
        emailId: z
          .string()
          .meta({ description: 'The inbound e-mail (GET /inbound/quarantine shows held ones)' }),
        from: z.string(),
        contactId: z.string().optional(),
        messageId: z.string().optional(),
        receivedAt: TimestampOut,
        rawKey: z.string(),
        attachments: z.array(InboundAttachment),
        flags: z.array(z.string()).meta({
          description:
            '`incident-closed`: received after the incident closed; `accepted-from-quarantine`: a coordinator accepted it',
        }),
      })
      .optional()
      .meta({ description: 'Set on a communication recorded from an e-mail to the reply address' }),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  })
  .meta({ id: 'Communication' });
export type Communication = z.infer<typeof Communication>;

export const Lesson = z
  .object({
    lessonId: z.string(),
    lesson: z.string(),
    category: z.string().optional(),
    recommendation: z.string().optional(),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  })
  .meta({ id: 'Lesson' });
export type Lesson = z.infer<typeof Lesson>;

export const TimelineEntry = z
  .object({
    seq: z.number().int(),
    at: TimestampOut,
    actor: z.string().meta({ description: 'Authenticated subject that caused the entry' }),
    type: z.string(),
    summary: z.string(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const IncidentSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    severity: Severity,
    category: z.string(),
    status: IncidentStatus,
    priority: Priority,
    affectedThirdParties: z.array(z.string()),
    discoveryDate: TimestampOut,
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    exercise: z.boolean().optional().meta({ description: 'True on an exercise (drill) incident' }),
  })
  .meta({ id: 'IncidentSummary' });
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const Incident = IncidentSummary.extend({
  description: z.string(),
  tlp: Tlp.meta({ description: 'TLP 2.0 level; communications inherit it unless a coordinator lowers it' }),
  discoveredBy: z.string().optional(),
  createdBy: z.string(),
  impactAssessment: ImpactAssessment.optional(),
  closureDate: TimestampOut.optional(),
  closureReason: z.string().optional(),
  closureNotes: z.string().optional(),
  overdueActions: z.array(z.string()).optional().meta({
    description:
      'Open actions past their due date whose overdue notice went out (`ACTION-n`, `<activationId>/COORD-n`); see docs/reminders.md',
  }),
  command: Command.optional().meta({
    description: 'Incident command: current holder of each named role (POST /incidents/{id}/roles)',
  }),
  acknowledgedAt: TimestampOut.optional().meta({ description: 'Last acknowledgement (docs/escalation.md)' }),
  acknowledgedBy: z.string().optional(),
  firedTriggers: z
    .array(z.string())
    .optional()
    .meta({ description: 'Escalation triggers that fired on this incident (each fires once)' }),
  version: z.number().int(),
}).meta({ id: 'Incident' });
export type Incident = z.infer<typeof Incident>;

export const IncidentDetail = Incident.extend({
  actions: z.array(Action),
  communications: z.array(Communication),
  escalations: z.array(Escalation),
  lessonsLearned: z.array(Lesson),
  activations: z
    .array(Activation)
    .meta({ description: 'Playbook activations with their coordinated actions' }),
  obligations: z
    .array(Obligation)
    .meta({ description: 'Regulatory notification obligations and their clocks' }),
  suggestedRegimes: z.array(RegimeSuggestion).meta({
    description: 'Regimes that may apply, for a coordinator to confirm (never attached automatically)',
  }),
  commandHistory: z.array(CommandTenure).meta({
    description: 'Who held each command role from when to when (open tenures: the current holders)',
  }),
  escalationChains: z
    .array(EscalationChain)
    .optional()
    .meta({ description: 'Escalation chains of the incident (docs/escalation.md)' }),
  timeline: z.array(TimelineEntry),
  nextCursors: z
    .object({
      actions: z.string().optional(),
      communications: z.string().optional(),
      escalations: z.string().optional(),
      lessonsLearned: z.string().optional(),
      timeline: z.string().optional(),
    })
    .optional()
    .meta({
      description:
        'Each child list holds its first 100 items (oldest first); a kind with more has its cursor here: read on with `GET /incidents/{id}/<kind>?cursor=` (`lessons-learned` for lessonsLearned)',
    }),
}).meta({ id: 'IncidentDetail' });

/** Query of a page of an incident's children (actions, communications, escalations, lessons). */
export const ChildPageQuery = z.strictObject({ ...PageQuery, limit: PageQuery.limit.default(100) });
export type ChildPageQuery = z.infer<typeof ChildPageQuery>;
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const Recommendation = z
  .object({ type: z.string(), priority: Priority, description: z.string() })
  .meta({ id: 'Recommendation' });
export type Recommendation = z.infer<typeof Recommendation>;

export const IncidentReport = z
  .object({
    incidentId: z.string(),
    title: z.string(),
    status: IncidentStatus,
    severity: Severity,
    priority: Priority,
    category: z.string(),
    affectedThirdParties: z.array(z.string()),
    discoveryDate: TimestampOut,
    closureDate: TimestampOut.optional(),
    impactAssessment: ImpactAssessment.optional(),
    responseMetrics: z.object({
      totalActions: z.number().int(),
      completedActions: z.number().int(),
      pendingActions: z.number().int().meta({ description: 'Actions still `pending` (not started)' }),
      openActions: z.number().int().meta({
        description:
          'Actions not yet completed or cancelled (`pending`, `in_progress`): what blocks closing the incident',
      }),
      completionRate: z.number(),
    }),
    communicationMetrics: z.object({ totalCommunications: z.number().int(), escalations: z.number().int() }),
    duration: z.object({ iso8601: z.string(), seconds: z.number().int() }),
    timeline: z.array(TimelineEntry),
    lessonsLearned: z.array(Lesson),
    obligations: z.array(ReportObligation),
    activations: z.array(Activation),
    participantsByDimension: ParticipantsByDimension.meta({
      description: 'Affected third parties, activation participants and action owners by dimension',
    }),
    recommendations: z.array(Recommendation),
    slaMeasurements: z.array(SlaMeasurement).meta({
      description: "Affected third parties' contractual SLAs measured on this incident (docs/agreements.md)",
    }),
    agreementUpdates: z.array(AgreementUpdate).meta({
      description: 'Agreement updates raised from this incident (first 100)',
    }),
    generatedAt: TimestampOut,
  })
  .meta({ id: 'IncidentReport' });
export type IncidentReport = z.infer<typeof IncidentReport>;
