/**
 * Exercises (tabletop and live drills, issue 15, docs/exercises.md): requests and responses.
 */
import { z } from 'zod';
import { FINDING_LINK_KINDS, FINDING_PROPOSALS } from '../model/exercise.js';
import { AgreementTopic, AgreementUpdate } from './agreements.js';
import { Id, PageQuery, Priority, pageOf, Severity, Text, Timestamp, TimestampOut, Tlp } from './common.js';
import { Timeframe } from './coordination.js';

/** Longest offset of an inject from the exercise start: 30 days. */
export const MAX_INJECT_OFFSET_MINUTES = 30 * 24 * 60;

const Offset = z
  .number()
  .int()
  .min(0)
  .max(MAX_INJECT_OFFSET_MINUTES)
  .meta({ description: 'Minutes after the exercise start (0 to 43,200)' });

export const MessageInject = z
  .strictObject({
    kind: z.literal('message'),
    offsetMinutes: Offset,
    subject: Text(200),
    content: Text(5000),
    organizations: z
      .array(Id)
      .max(40)
      .optional()
      .meta({ description: 'Recipients (escalation contacts); default every participating organization' }),
  })
  .meta({ id: 'ExerciseMessageInject' });

export const StateChangeInject = z
  .strictObject({
    kind: z.literal('state_change'),
    offsetMinutes: Offset,
    severity: Severity.optional(),
    priority: Priority.optional(),
    note: Text(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.severity === undefined && v.priority === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['severity'],
        message: 'a state change sets severity or priority',
      });
    }
  })
  .meta({
    id: 'ExerciseStateChangeInject',
    description: 'Changes the exercise incident’s severity and/or priority (at least one)',
  });

export const Inject = z.discriminatedUnion('kind', [MessageInject, StateChangeInject]);
export type Inject = z.infer<typeof Inject>;

export const CreateExerciseBody = z
  .strictObject({
    id: Id.optional(),
    title: Text(300),
    description: Text(10_000).optional(),
    mode: z.enum(['tabletop', 'live']).default('tabletop'),
    playbookId: Id.optional().meta({
      description: 'Shared playbook to run; its participating organizations take part',
    }),
    participatingOrganizations: z.array(Id).max(40).optional().meta({
      description:
        'Without a playbook: the organizations taking part (required then); they join the exercise incident as participants',
    }),
    severity: Severity.default('medium'),
    tlp: Tlp.optional(),
    injects: z.array(Inject).max(50).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.playbookId === undefined && (v.participatingOrganizations ?? []).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['participatingOrganizations'],
        message: 'required (at least one) when no playbookId is given',
      });
    }
    v.injects.forEach((inject, i) => {
      if (inject.kind !== 'message' || !inject.organizations || v.playbookId !== undefined) return;
      inject.organizations.forEach((org, j) => {
        if (!(v.participatingOrganizations ?? []).includes(org)) {
          ctx.addIssue({
            code: 'custom',
            path: ['injects', i, 'organizations', j],
            message: `${org} is not a participating organization`,
          });
        }
      });
    });
  })
  .meta({ id: 'CreateExercise' });
export type CreateExerciseBody = z.infer<typeof CreateExerciseBody>;

export const EndExerciseBody = z.strictObject({ notes: Text(5000).optional() }).meta({ id: 'EndExercise' });
export type EndExerciseBody = z.infer<typeof EndExerciseBody>;

export const FindingProposal = z.enum(FINDING_PROPOSALS);

export const CreateFindingBody = z
  .strictObject({
    finding: Text(5000),
    recommendation: Text(5000).optional(),
    organizationId: Id.optional(),
    actionId: Text(100).optional().meta({ description: 'Coordinated action the finding is about (COORD-n)' }),
    proposes: FindingProposal.meta({
      description:
        'What it can become (POST …/findings/{findingId}/raise): an action on the playbook, a contact fix, a contract update item, or none',
    }),
    contactId: Id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.proposes === 'contact_fix' && v.contactId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['contactId'], message: 'required when proposes is contact_fix' });
    }
    if (v.proposes === 'contract_update' && v.organizationId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['organizationId'],
        message: 'required when proposes is contract_update',
      });
    }
  })
  .meta({ id: 'CreateExerciseFinding' });
export type CreateFindingBody = z.infer<typeof CreateFindingBody>;

export const RaiseFindingBody = z
  .strictObject({
    topic: AgreementTopic.optional().meta({ description: 'contract_update: required' }),
    proposedChange: Text(5000)
      .optional()
      .meta({ description: "contract_update: default the finding's recommendation (required without one)" }),
    owner: Text(200).optional().meta({ description: 'contract_update: required (a contact id is reminded)' }),
    dueDate: Timestamp.optional().meta({ description: 'contract_update: required; reminded like an action' }),
    agreementId: Id.optional().meta({ description: "contract_update: one of the organization's agreements" }),
    action: Text(2000)
      .optional()
      .meta({ description: "playbook_action: default the finding's recommendation (required without one)" }),
    responsible: Id.optional().meta({
      description: "playbook_action: a participating organization of the playbook; default the finding's",
    }),
    timeframe: Timeframe.optional().meta({ description: 'playbook_action: required' }),
    reason: Text(2000)
      .optional()
      .meta({ description: 'contact_fix: why the contact is re-verified; default the finding' }),
  })
  .meta({
    id: 'RaiseExerciseFinding',
    description:
      'Fields by what the finding proposes (a field of another kind is a 400): contract_update → topic, proposedChange, owner, dueDate, agreementId; playbook_action → action, responsible, timeframe; contact_fix → reason',
  });
export type RaiseFindingBody = z.infer<typeof RaiseFindingBody>;

export const CompareExercisesQuery = z.strictObject({ ...PageQuery });
export type CompareExercisesQuery = z.infer<typeof CompareExercisesQuery>;

// ---------- responses ----------

export const ExerciseInject = z
  .object({
    n: z.number().int(),
    kind: z.enum(['message', 'state_change']),
    offsetMinutes: z.number().int(),
    at: TimestampOut.meta({ description: 'When it fires (start + offset, whole seconds)' }),
    scheduleName: z.string(),
    subject: z.string().optional(),
    content: z.string().optional(),
    organizations: z.array(z.string()).optional(),
    severity: Severity.optional(),
    priority: Priority.optional(),
    note: z.string().optional(),
    firedAt: TimestampOut.optional(),
    communicationId: z.string().nullable().optional(),
  })
  .meta({ id: 'ExerciseInject' });
export type ExerciseInject = z.infer<typeof ExerciseInject>;

export const ExerciseResults = z
  .object({
    actions: z.number().int(),
    acknowledged: z.number().int(),
    completed: z.number().int(),
    completedWithinTimeframe: z.number().int(),
    medianAcknowledgeMinutes: z.number().nullable(),
    medianCompleteMinutes: z.number().nullable(),
    unreachableContacts: z.number().int(),
    escalationLevelsFired: z.number().int(),
    findings: z.number().int(),
  })
  .meta({ id: 'ExerciseResults' });
export type ExerciseResults = z.infer<typeof ExerciseResults>;

export const Exercise = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
    mode: z.enum(['tabletop', 'live']),
    status: z.enum(['running', 'ended']),
    incidentId: z.string(),
    playbookId: z.string().optional(),
    playbookVersion: z.number().int().optional(),
    activationId: z.string().optional(),
    participatingOrganizations: z.array(z.string()),
    startAt: TimestampOut.meta({ description: 'When it was created: injects are offsets from it' }),
    injects: z.array(ExerciseInject),
    createdAt: TimestampOut,
    createdBy: z.string(),
    endedAt: TimestampOut.optional(),
    endedBy: z.string().optional(),
    notes: z.string().optional(),
    results: ExerciseResults.optional().meta({
      description: 'Report figures frozen when the exercise ended',
    }),
  })
  .meta({ id: 'Exercise' });
export type Exercise = z.infer<typeof Exercise>;

export const FindingLink = z
  .object({
    kind: z.enum(FINDING_LINK_KINDS).meta({
      description:
        'agreement_update (id: AGU-…), playbook_action (id: the playbook; the version and index that added it), contact_reverification (id: the contact)',
    }),
    id: z.string(),
    playbookVersion: z.number().int().optional(),
    actionIndex: z.number().int().optional().meta({ description: 'Index in the version’s responseActions' }),
    linkedAt: TimestampOut,
    linkedBy: z.string(),
  })
  .meta({ id: 'ExerciseFindingLink' });
export type FindingLink = z.infer<typeof FindingLink>;

export const Finding = z
  .object({
    findingId: z.string(),
    exerciseId: z.string(),
    finding: z.string(),
    recommendation: z.string().optional(),
    organizationId: z.string().optional(),
    actionId: z.string().optional(),
    contactId: z.string().optional(),
    proposes: FindingProposal,
    link: FindingLink.nullable().meta({ description: 'What it became when raised (null until then)' }),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  })
  .meta({ id: 'ExerciseFinding' });
export type Finding = z.infer<typeof Finding>;

const Minutes = z.number().nullable();

export const ExerciseActionFigures = z
  .object({
    actionId: z.string(),
    description: z.string(),
    organizationId: z.string(),
    status: z.string(),
    timeframeMinutes: Minutes.meta({ description: 'The playbook timeframe (due date − activation)' }),
    acknowledgeMinutes: Minutes,
    completeMinutes: Minutes,
    withinTimeframe: z
      .boolean()
      .nullable()
      .meta({ description: 'Completed by its due date (null: no timeframe or not completed)' }),
  })
  .meta({ id: 'ExerciseActionFigures' });

export const ExerciseOrganizationFigures = z
  .object({
    organizationId: z.string(),
    actions: z.number().int(),
    acknowledged: z.number().int(),
    completed: z.number().int(),
    completedWithinTimeframe: z.number().int(),
    medianAcknowledgeMinutes: Minutes,
    medianCompleteMinutes: Minutes,
  })
  .meta({ id: 'ExerciseOrganizationFigures' });

export const UnreachableContact = z
  .object({
    contactId: z.string(),
    organizationId: z.string(),
    reason: z.enum(['bounced', 'unverified', 'no_ack']),
  })
  .meta({ id: 'ExerciseUnreachableContact' });
export type UnreachableContact = z.infer<typeof UnreachableContact>;

export const ExerciseReport = z
  .object({
    exercise: z.literal(true),
    exerciseId: z.string(),
    incidentId: z.string(),
    playbookId: z.string().optional(),
    status: z.enum(['running', 'ended']),
    startAt: TimestampOut,
    generatedAt: TimestampOut,
    injects: z.array(ExerciseInject),
    actions: z.array(ExerciseActionFigures),
    organizations: z.array(ExerciseOrganizationFigures),
    unreachableContacts: z.array(UnreachableContact),
    escalationLevels: z.array(
      z.object({ chainId: z.string().optional(), level: z.number().int().optional(), at: TimestampOut }),
    ),
    regulatoryClocks: z
      .array(
        z.object({
          obligationId: z.string(),
          clock: z.string(),
          due: z.string().nullable(),
          simulated: z.literal(true),
        }),
      )
      .meta({ description: 'Regulator clocks of the exercise incident: simulated, never a real submission' }),
    findings: z.array(Finding),
    agreementUpdates: z
      .array(AgreementUpdate)
      .meta({ description: 'Agreement updates raised from its findings (first 100)' }),
    results: ExerciseResults,
  })
  .meta({ id: 'ExerciseReport' });
export type ExerciseReport = z.infer<typeof ExerciseReport>;

export const ExerciseComparison = pageOf(
  z
    .object({
      exerciseId: z.string(),
      title: z.string(),
      startAt: TimestampOut,
      status: z.enum(['running', 'ended']),
      playbookVersion: z.number().int().optional(),
      results: ExerciseResults.nullable().meta({ description: 'Null while the exercise runs' }),
    })
    .meta({ id: 'ExerciseComparisonItem' }),
).meta({ id: 'ExerciseComparison' });
export type ExerciseComparison = z.infer<typeof ExerciseComparison>;

/** The Scheduler event of one inject firing (target `exercise-inject`). */
export const ExerciseInjectEvent = z.strictObject({ exerciseId: Id, n: z.number().int().min(1) });
export type ExerciseInjectEvent = z.infer<typeof ExerciseInjectEvent>;
