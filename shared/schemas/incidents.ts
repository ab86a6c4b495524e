import * as z from 'zod/mini';
import { AgreementUpdate, SlaMeasurement } from './agreements.js';
import { Command, CommandTenure } from './command.js';
import { Id, meta, PageQuery, Priority, Severity, Text, Timestamp, TimestampOut, Tlp } from './common.js';
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

export const CreateIncidentBody = meta(
  z.strictObject({
    id: z.optional(Id),
    title: Text(300),
    description: Text(10_000),
    severity: Severity,
    category: meta(Text(100), { description: 'e.g. data_breach, ransomware, service_outage' }),
    // 40 keeps every incident transaction (incident + 40 counters + 40 links + timeline) under
    // DynamoDB's 100-item TransactWriteItems limit.
    affectedThirdParties: z.optional(
      meta(
        z.array(Id).check(
          z.maxLength(40),
          z.superRefine((ids, ctx) => {
            ids.forEach((id, i) => {
              if (ids.indexOf(id) < i)
                ctx.addIssue({ code: 'custom', path: [i], message: `duplicate of ${id}` });
            });
          }),
        ),
        { description: 'Each third party once (a repeated one is a 400 on its index)' },
      ),
    ),
    discoveredBy: z.optional(Text(200)),
    discoveryDate: z.optional(Timestamp),
    tlp: meta(z.optional(Tlp), {
      description: 'TLP 2.0 level of the incident; its communications inherit it. Default AMBER',
    }),
    exercise: meta(z.optional(z.boolean()), {
      description:
        'An exercise (drill) incident: set at creation only, never changed; its notices are marked [EXERCISE], it counts in no production figure and its regulator clocks are simulated (docs/exercises.md)',
    }),
  }),
  { id: 'CreateIncident' },
);
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;

export const ImpactAssessmentBody = meta(
  z.strictObject({
    businessImpact: ImpactLevel,
    financialImpact: z.number().check(z.minimum(0), z.maximum(1e15)),
    reputationImpact: ImpactGrade,
    regulatoryImpact: ImpactGrade,
    dataCompromised: z.optional(z.array(Text(200)).check(z.maxLength(100))),
    systemsAffected: z.optional(z.array(Text(200)).check(z.maxLength(200))),
    customersAffected: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1e12))),
    estimatedDowntime: meta(z.optional(z.number().check(z.minimum(0), z.maximum(1e6))), {
      description: 'hours',
    }),
    recoveryTime: meta(z.optional(z.number().check(z.minimum(0), z.maximum(1e6))), { description: 'hours' }),
  }),
  { id: 'ImpactAssessment' },
);
export type ImpactAssessmentBody = z.infer<typeof ImpactAssessmentBody>;

export const CreateActionBody = meta(
  z.strictObject({
    description: Text(2000),
    assignedTo: Text(200),
    thirdParty: z.optional(Id),
    actionType: z.optional(Text(100)),
    priority: z.optional(Priority),
    dueDate: z.optional(Timestamp),
  }),
  { id: 'CreateAction' },
);
export type CreateActionBody = z.infer<typeof CreateActionBody>;

export const UpdateActionBody = meta(
  z.strictObject({
    status: ActionStatus,
    notes: z.optional(Text(2000)),
    dueDate: meta(z.optional(z.nullable(Timestamp)), {
      description: 'A new due date (its reminders are re-planned); null removes it',
    }),
  }),
  { id: 'UpdateAction' },
);
export type UpdateActionBody = z.infer<typeof UpdateActionBody>;

export const Recipients = meta(
  z.strictObject({
    contacts: meta(z.optional(z.array(Id).check(z.maxLength(100))), {
      description: 'Contacts named individually',
    }),
    organizations: meta(z.optional(z.array(Id).check(z.maxLength(40))), {
      description: 'Every live contact of each',
    }),
    groups: meta(z.optional(z.array(StakeholderGroup).check(z.maxLength(17))), {
      description: 'Every live contact of each',
    }),
  }),
  { id: 'Recipients' },
);
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

export const CreateCommunicationBody = meta(
  z
    .strictObject({
      type: meta(Text(100), { description: 'e.g. email, call, meeting, portal' }),
      direction: Direction,
      thirdParty: z.optional(Id),
      subject: meta(z.optional(Text(500)), { description: 'Required unless a template gives it' }),
      content: meta(z.optional(Text(50_000)), { description: 'Required unless a template gives it' }),
      sentTo: meta(z.optional(z.array(Text(320)).check(z.minLength(1), z.maxLength(100))), {
        description: 'Free-text addressees of a recorded communication; required without recipients',
      }),
      recipients: meta(z.optional(Recipients), {
        description:
          'Outbound only: delivered through SNS to these contacts, each checked against the TLP rules',
      }),
      templateId: meta(z.optional(Id), {
        description: "Render the template's approved version for the incident",
      }),
      tlp: meta(z.optional(Tlp), {
        description: "Default: the incident's level; a coordinator may lower it (recorded), never raise it",
      }),
      priority: z.optional(Priority),
      audience: meta(z.optional(Audience), {
        description:
          'Who it is for (default partners); an active disclosure hold refuses its audiences (409 DISCLOSURE_HOLD)',
      }),
      overrideReason: meta(z.optional(Text(2000)), {
        description:
          'Admin only: send despite a disclosure hold; recorded on the communication and the timeline',
      }),
    })
    .check(
      z.superRefine((body, ctx) => {
        for (const problem of communicationShapeProblems(body)) ctx.addIssue({ code: 'custom', ...problem });
      }),
    ),
  {
    id: 'CreateCommunication',
    description: COMMUNICATION_SHAPE_RULES.map((r) => r.rule).join('; '),
    'x-cross-field-rules': COMMUNICATION_SHAPE_RULES.map((r) => ({ field: r.field, rule: r.rule })),
  },
);
export type CreateCommunicationBody = z.infer<typeof CreateCommunicationBody>;

export const CreateLessonBody = meta(
  z.strictObject({
    lesson: Text(5000),
    category: z.optional(Text(100)),
    recommendation: z.optional(Text(5000)),
  }),
  { id: 'CreateLesson' },
);
export type CreateLessonBody = z.infer<typeof CreateLessonBody>;

export const CloseIncidentBody = meta(
  z.strictObject({ reason: z._default(Text(200), 'resolved'), notes: z.optional(Text(5000)) }),
  { id: 'CloseIncident' },
);
export type CloseIncidentBody = z.infer<typeof CloseIncidentBody>;

export const ReopenIncidentBody = meta(z.strictObject({ reason: z.optional(Text(2000)) }), {
  id: 'ReopenIncident',
});
export type ReopenIncidentBody = z.infer<typeof ReopenIncidentBody>;

export const ListIncidentsQuery = z.strictObject({
  ...PageQuery,
  status: z.optional(IncidentStatus),
  priority: z.optional(Priority),
  thirdParty: z.optional(Id),
  exercise: meta(z.optional(z.enum(['exclude', 'include', 'only'])), {
    description:
      'Exercise incidents: left out by default (`exclude`), listed with the others (`include`) or alone (`only`)',
  }),
});
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>;

export const TimelineQuery = z.strictObject({ ...PageQuery, limit: z._default(PageQuery.limit, 100) });
export type TimelineQuery = z.infer<typeof TimelineQuery>;

// ---------- responses ----------

export const ImpactAssessment = meta(
  z.extend(ImpactAssessmentBody, {
    assessedAt: TimestampOut,
    assessedBy: z.string(),
    impactFactors: z.number(),
  }),
  { id: 'ImpactAssessmentRecord' },
);

export const Action = meta(
  z.object({
    actionId: z.string(),
    description: z.string(),
    assignedTo: z.string(),
    thirdParty: z.optional(z.string()),
    actionType: z.optional(z.string()),
    priority: Priority,
    dueDate: z.optional(TimestampOut),
    status: ActionStatus,
    notes: z.optional(z.string()),
    completedDate: z.optional(TimestampOut),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().check(z.int()),
  }),
  { id: 'Action' },
);
export type Action = z.infer<typeof Action>;

export const Communication = meta(
  z.object({
    communicationId: z.string(),
    type: z.string(),
    direction: Direction,
    thirdParty: z.optional(z.string()),
    subject: z.string(),
    content: z.string(),
    sentTo: z.array(z.string()),
    priority: Priority,
    tlp: z.optional(Tlp),
    tlpLoweredFrom: meta(z.optional(Tlp), {
      description: "The incident's level, when a coordinator lowered it",
    }),
    template: z.optional(z.object({ templateId: z.string(), version: z.number().check(z.int()) })),
    recipients: z.optional(Recipients),
    audience: z.optional(Audience),
    disclosureOverride: meta(
      z.optional(z.object({ holds: z.array(z.string()), reason: z.string(), by: z.string() })),
      { description: 'Sent despite these disclosure holds, by an admin, for this reason' },
    ),
    notice: meta(z.optional(z.object({ kind: z.string(), exercise: z.optional(z.boolean()) })), {
      description: 'Set when Liaison sent it by itself (escalation level, reminder, overdue notice …)',
    }),
    delivery: meta(
      z.optional(
        z.object({
          status: z.enum(['pending', 'sent', 'failed']),
          organizations: z.array(
            z.object({
              organizationId: z.string(),
              messageId: z.string(),
              recipients: z.array(z.string()),
              status: z.enum(['pending', 'sent', 'failed']),
              attempts: meta(z.optional(z.number().check(z.int())), {
                description: 'Publish attempts so far',
              }),
              lastError: meta(z.optional(z.string()), { description: 'Why the last attempt failed' }),
            }),
          ),
        }),
      ),
      {
        description: 'SNS delivery: one message per organization (see GET /incidents/{id} for updates)',
      },
    ),
    inbound: meta(
      z.optional(
        z.object({
          emailId: meta(z.string(), {
            description: 'The inbound e-mail (GET /inbound/quarantine shows held ones)',
          }),
          from: z.string(),
          contactId: z.optional(z.string()),
          messageId: z.optional(z.string()),
          receivedAt: TimestampOut,
          rawKey: z.string(),
          attachments: z.array(InboundAttachment),
          flags: meta(z.array(z.string()), {
            description:
              '`incident-closed`: received after the incident closed; `accepted-from-quarantine`: a coordinator accepted it; `attachments-not-registered`: more than 20 attachments, the rest kept as blobs only',
          }),
        }),
      ),
      { description: 'Set on a communication recorded from an e-mail to the reply address' },
    ),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  }),
  { id: 'Communication' },
);
export type Communication = z.infer<typeof Communication>;

export const Lesson = meta(
  z.object({
    lessonId: z.string(),
    lesson: z.string(),
    category: z.optional(z.string()),
    recommendation: z.optional(z.string()),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  }),
  { id: 'Lesson' },
);
export type Lesson = z.infer<typeof Lesson>;

export const TimelineEntry = meta(
  z.object({
    seq: z.number().check(z.int()),
    at: TimestampOut,
    actor: meta(z.string(), { description: 'Authenticated subject that caused the entry' }),
    type: z.string(),
    summary: z.string(),
    data: z.optional(z.record(z.string(), z.unknown())),
  }),
  { id: 'TimelineEntry' },
);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const IncidentSummary = meta(
  z.object({
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
    exercise: meta(z.optional(z.boolean()), { description: 'True on an exercise (drill) incident' }),
  }),
  { id: 'IncidentSummary' },
);
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const Incident = meta(
  z.extend(IncidentSummary, {
    description: z.string(),
    tlp: meta(Tlp, {
      description: 'TLP 2.0 level; communications inherit it unless a coordinator lowers it',
    }),
    discoveredBy: z.optional(z.string()),
    createdBy: z.string(),
    impactAssessment: z.optional(ImpactAssessment),
    closureDate: z.optional(TimestampOut),
    closureReason: z.optional(z.string()),
    closureNotes: z.optional(z.string()),
    overdueActions: meta(z.optional(z.array(z.string())), {
      description:
        'Open actions past their due date whose overdue notice went out (`ACTION-n`, `<activationId>/COORD-n`); see docs/reminders.md',
    }),
    command: meta(z.optional(Command), {
      description: 'Incident command: current holder of each named role (POST /incidents/{id}/roles)',
    }),
    acknowledgedAt: meta(z.optional(TimestampOut), {
      description: 'Last acknowledgement (docs/escalation.md)',
    }),
    acknowledgedBy: z.optional(z.string()),
    firedTriggers: meta(z.optional(z.array(z.string())), {
      description: 'Escalation triggers that fired on this incident (each fires once)',
    }),
    version: z.number().check(z.int()),
  }),
  { id: 'Incident' },
);
export type Incident = z.infer<typeof Incident>;

export const IncidentDetail = meta(
  z.extend(Incident, {
    actions: z.array(Action),
    communications: z.array(Communication),
    escalations: z.array(Escalation),
    lessonsLearned: z.array(Lesson),
    activations: meta(z.array(Activation), {
      description: 'Playbook activations with their coordinated actions',
    }),
    obligations: meta(z.array(Obligation), {
      description: 'Regulatory notification obligations and their clocks',
    }),
    suggestedRegimes: meta(z.array(RegimeSuggestion), {
      description: 'Regimes that may apply, for a coordinator to confirm (never attached automatically)',
    }),
    commandHistory: meta(z.array(CommandTenure), {
      description: 'Who held each command role from when to when (open tenures: the current holders)',
    }),
    escalationChains: meta(z.optional(z.array(EscalationChain)), {
      description: 'Escalation chains of the incident (docs/escalation.md)',
    }),
    timeline: z.array(TimelineEntry),
    nextCursors: meta(
      z.optional(
        z.object({
          actions: z.optional(z.string()),
          communications: z.optional(z.string()),
          escalations: z.optional(z.string()),
          lessonsLearned: z.optional(z.string()),
          timeline: z.optional(z.string()),
        }),
      ),
      {
        description:
          'Each child list holds its first 100 items (oldest first); a kind with more has its cursor here: read on with `GET /incidents/{id}/<kind>?cursor=` (`lessons-learned` for lessonsLearned)',
      },
    ),
  }),
  { id: 'IncidentDetail' },
);

/** Query of a page of an incident's children (actions, communications, escalations, lessons). */
export const ChildPageQuery = z.strictObject({ ...PageQuery, limit: z._default(PageQuery.limit, 100) });
export type ChildPageQuery = z.infer<typeof ChildPageQuery>;
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const Recommendation = meta(
  z.object({ type: z.string(), priority: Priority, description: z.string() }),
  { id: 'Recommendation' },
);
export type Recommendation = z.infer<typeof Recommendation>;

export const IncidentReport = meta(
  z.object({
    incidentId: z.string(),
    title: z.string(),
    status: IncidentStatus,
    severity: Severity,
    priority: Priority,
    category: z.string(),
    affectedThirdParties: z.array(z.string()),
    discoveryDate: TimestampOut,
    closureDate: z.optional(TimestampOut),
    impactAssessment: z.optional(ImpactAssessment),
    responseMetrics: z.object({
      totalActions: z.number().check(z.int()),
      completedActions: z.number().check(z.int()),
      pendingActions: meta(z.number().check(z.int()), {
        description: 'Actions still `pending` (not started)',
      }),
      openActions: meta(z.number().check(z.int()), {
        description:
          'Actions not yet completed or cancelled (`pending`, `in_progress`): what blocks closing the incident',
      }),
      completionRate: z.number(),
    }),
    communicationMetrics: z.object({
      totalCommunications: z.number().check(z.int()),
      escalations: z.number().check(z.int()),
    }),
    duration: z.object({ iso8601: z.string(), seconds: z.number().check(z.int()) }),
    timeline: z.array(TimelineEntry),
    lessonsLearned: z.array(Lesson),
    obligations: z.array(ReportObligation),
    activations: z.array(Activation),
    participantsByDimension: meta(ParticipantsByDimension, {
      description: 'Affected third parties, activation participants and action owners by dimension',
    }),
    recommendations: z.array(Recommendation),
    slaMeasurements: meta(z.array(SlaMeasurement), {
      description: "Affected third parties' contractual SLAs measured on this incident (docs/agreements.md)",
    }),
    agreementUpdates: meta(z.array(AgreementUpdate), {
      description: 'Agreement updates raised from this incident (first 100)',
    }),
    generatedAt: TimestampOut,
  }),
  { id: 'IncidentReport' },
);
export type IncidentReport = z.infer<typeof IncidentReport>;
