/**
 * Exercises (tabletop and live drills, issue 15, docs/exercises.md): requests and responses.
 */
import * as z from 'zod/mini';
import { FINDING_LINK_KINDS, FINDING_PROPOSALS } from '../model/exercise.js';
import { AgreementTopic, AgreementUpdate } from './agreements.js';
import {
  Id,
  meta,
  PageQuery,
  Priority,
  pageOf,
  Severity,
  Text,
  Timestamp,
  TimestampOut,
  Tlp,
} from './common.js';
import { Timeframe } from './coordination.js';

/** Longest offset of an inject from the exercise start: 30 days. */
export const MAX_INJECT_OFFSET_MINUTES = 30 * 24 * 60;

const Offset = meta(z.number().check(z.int(), z.minimum(0), z.maximum(MAX_INJECT_OFFSET_MINUTES)), {
  description: 'Minutes after the exercise start (0 to 43,200)',
});

export const MessageInject = meta(
  z.strictObject({
    kind: z.literal('message'),
    offsetMinutes: Offset,
    subject: Text(200),
    content: Text(5000),
    organizations: meta(z.optional(z.array(Id).check(z.maxLength(40))), {
      description: 'Recipients (escalation contacts); default every participating organization',
    }),
  }),
  { id: 'ExerciseMessageInject' },
);

export const StateChangeInject = meta(
  z
    .strictObject({
      kind: z.literal('state_change'),
      offsetMinutes: Offset,
      severity: z.optional(Severity),
      priority: z.optional(Priority),
      note: z.optional(Text(2000)),
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.severity === undefined && v.priority === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['severity'],
            message: 'a state change sets severity or priority',
          });
        }
      }),
    ),
  {
    id: 'ExerciseStateChangeInject',
    description: 'Changes the exercise incident’s severity and/or priority (at least one)',
  },
);

export const Inject = z.discriminatedUnion('kind', [MessageInject, StateChangeInject]);
export type Inject = z.infer<typeof Inject>;

export const CreateExerciseBody = meta(
  z
    .strictObject({
      id: z.optional(Id),
      title: Text(300),
      description: z.optional(Text(10_000)),
      mode: z._default(z.enum(['tabletop', 'live']), 'tabletop'),
      playbookId: meta(z.optional(Id), {
        description: 'Shared playbook to run; its participating organizations take part',
      }),
      participatingOrganizations: meta(z.optional(z.array(Id).check(z.maxLength(40))), {
        description:
          'Without a playbook: the organizations taking part (required then); they join the exercise incident as participants',
      }),
      severity: z._default(Severity, 'medium'),
      tlp: z.optional(Tlp),
      injects: z._default(z.array(Inject).check(z.maxLength(50)), []),
    })
    .check(
      z.superRefine((v, ctx) => {
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
      }),
    ),
  { id: 'CreateExercise' },
);
export type CreateExerciseBody = z.infer<typeof CreateExerciseBody>;

export const EndExerciseBody = meta(z.strictObject({ notes: z.optional(Text(5000)) }), { id: 'EndExercise' });
export type EndExerciseBody = z.infer<typeof EndExerciseBody>;

export const FindingProposal = z.enum(FINDING_PROPOSALS);

export const CreateFindingBody = meta(
  z
    .strictObject({
      finding: Text(5000),
      recommendation: z.optional(Text(5000)),
      organizationId: z.optional(Id),
      actionId: meta(z.optional(Text(100)), {
        description: 'Coordinated action the finding is about (COORD-n)',
      }),
      proposes: meta(FindingProposal, {
        description:
          'What it can become (POST …/findings/{findingId}/raise): an action on the playbook, a contact fix, a contract update item, or none',
      }),
      contactId: z.optional(Id),
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.proposes === 'contact_fix' && v.contactId === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['contactId'],
            message: 'required when proposes is contact_fix',
          });
        }
        if (v.proposes === 'contract_update' && v.organizationId === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['organizationId'],
            message: 'required when proposes is contract_update',
          });
        }
      }),
    ),
  { id: 'CreateExerciseFinding' },
);
export type CreateFindingBody = z.infer<typeof CreateFindingBody>;

export const RaiseFindingBody = meta(
  z.strictObject({
    topic: meta(z.optional(AgreementTopic), { description: 'contract_update: required' }),
    proposedChange: meta(z.optional(Text(5000)), {
      description: "contract_update: default the finding's recommendation (required without one)",
    }),
    owner: meta(z.optional(Text(200)), {
      description: 'contract_update: required (a contact id is reminded)',
    }),
    dueDate: meta(z.optional(Timestamp), {
      description: 'contract_update: required; reminded like an action',
    }),
    agreementId: meta(z.optional(Id), {
      description: "contract_update: one of the organization's agreements",
    }),
    action: meta(z.optional(Text(2000)), {
      description: "playbook_action: default the finding's recommendation (required without one)",
    }),
    responsible: meta(z.optional(Id), {
      description: "playbook_action: a participating organization of the playbook; default the finding's",
    }),
    timeframe: meta(z.optional(Timeframe), { description: 'playbook_action: required' }),
    reason: meta(z.optional(Text(2000)), {
      description: 'contact_fix: why the contact is re-verified; default the finding',
    }),
  }),
  {
    id: 'RaiseExerciseFinding',
    description:
      'Fields by what the finding proposes (a field of another kind is a 400): contract_update → topic, proposedChange, owner, dueDate, agreementId; playbook_action → action, responsible, timeframe; contact_fix → reason',
  },
);
export type RaiseFindingBody = z.infer<typeof RaiseFindingBody>;

export const CompareExercisesQuery = z.strictObject({ ...PageQuery });
export type CompareExercisesQuery = z.infer<typeof CompareExercisesQuery>;

// ---------- responses ----------

export const ExerciseInject = meta(
  z.object({
    n: z.number().check(z.int()),
    kind: z.enum(['message', 'state_change']),
    offsetMinutes: z.number().check(z.int()),
    at: meta(TimestampOut, { description: 'When it fires (start + offset, whole seconds)' }),
    scheduleName: z.string(),
    subject: z.optional(z.string()),
    content: z.optional(z.string()),
    organizations: z.optional(z.array(z.string())),
    severity: z.optional(Severity),
    priority: z.optional(Priority),
    note: z.optional(z.string()),
    firedAt: z.optional(TimestampOut),
    communicationId: z.optional(z.nullable(z.string())),
  }),
  { id: 'ExerciseInject' },
);
export type ExerciseInject = z.infer<typeof ExerciseInject>;

export const ExerciseResults = meta(
  z.object({
    actions: z.number().check(z.int()),
    acknowledged: z.number().check(z.int()),
    completed: z.number().check(z.int()),
    completedWithinTimeframe: z.number().check(z.int()),
    medianAcknowledgeMinutes: z.nullable(z.number()),
    medianCompleteMinutes: z.nullable(z.number()),
    unreachableContacts: z.number().check(z.int()),
    escalationLevelsFired: z.number().check(z.int()),
    findings: z.number().check(z.int()),
  }),
  { id: 'ExerciseResults' },
);
export type ExerciseResults = z.infer<typeof ExerciseResults>;

export const Exercise = meta(
  z.object({
    id: z.string(),
    title: z.string(),
    description: z.optional(z.string()),
    mode: z.enum(['tabletop', 'live']),
    status: z.enum(['running', 'ended']),
    incidentId: z.string(),
    playbookId: z.optional(z.string()),
    playbookVersion: z.optional(z.number().check(z.int())),
    activationId: z.optional(z.string()),
    participatingOrganizations: z.array(z.string()),
    startAt: meta(TimestampOut, { description: 'When it was created: injects are offsets from it' }),
    injects: z.array(ExerciseInject),
    createdAt: TimestampOut,
    createdBy: z.string(),
    endedAt: z.optional(TimestampOut),
    endedBy: z.optional(z.string()),
    notes: z.optional(z.string()),
    results: meta(z.optional(ExerciseResults), {
      description: 'Report figures frozen when the exercise ended',
    }),
  }),
  { id: 'Exercise' },
);
export type Exercise = z.infer<typeof Exercise>;

export const FindingLink = meta(
  z.object({
    kind: meta(z.enum(FINDING_LINK_KINDS), {
      description:
        'agreement_update (id: AGU-…), playbook_action (id: the playbook; the version and index that added it), contact_reverification (id: the contact)',
    }),
    id: z.string(),
    playbookVersion: z.optional(z.number().check(z.int())),
    actionIndex: meta(z.optional(z.number().check(z.int())), {
      description: 'Index in the version’s responseActions',
    }),
    linkedAt: TimestampOut,
    linkedBy: z.string(),
  }),
  { id: 'ExerciseFindingLink' },
);
export type FindingLink = z.infer<typeof FindingLink>;

export const Finding = meta(
  z.object({
    findingId: z.string(),
    exerciseId: z.string(),
    finding: z.string(),
    recommendation: z.optional(z.string()),
    organizationId: z.optional(z.string()),
    actionId: z.optional(z.string()),
    contactId: z.optional(z.string()),
    proposes: FindingProposal,
    link: meta(z.nullable(FindingLink), { description: 'What it became when raised (null until then)' }),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  }),
  { id: 'ExerciseFinding' },
);
export type Finding = z.infer<typeof Finding>;

const Minutes = z.nullable(z.number());

export const ExerciseActionFigures = meta(
  z.object({
    actionId: z.string(),
    description: z.string(),
    organizationId: z.string(),
    status: z.string(),
    timeframeMinutes: meta(Minutes, { description: 'The playbook timeframe (due date − activation)' }),
    acknowledgeMinutes: Minutes,
    completeMinutes: Minutes,
    withinTimeframe: meta(z.nullable(z.boolean()), {
      description: 'Completed by its due date (null: no timeframe or not completed)',
    }),
  }),
  { id: 'ExerciseActionFigures' },
);

export const ExerciseOrganizationFigures = meta(
  z.object({
    organizationId: z.string(),
    actions: z.number().check(z.int()),
    acknowledged: z.number().check(z.int()),
    completed: z.number().check(z.int()),
    completedWithinTimeframe: z.number().check(z.int()),
    medianAcknowledgeMinutes: Minutes,
    medianCompleteMinutes: Minutes,
  }),
  { id: 'ExerciseOrganizationFigures' },
);

export const UnreachableContact = meta(
  z.object({
    contactId: z.string(),
    organizationId: z.string(),
    reason: z.enum(['bounced', 'unverified', 'no_ack']),
  }),
  { id: 'ExerciseUnreachableContact' },
);
export type UnreachableContact = z.infer<typeof UnreachableContact>;

export const ExerciseReport = meta(
  z.object({
    exercise: z.literal(true),
    exerciseId: z.string(),
    incidentId: z.string(),
    playbookId: z.optional(z.string()),
    status: z.enum(['running', 'ended']),
    startAt: TimestampOut,
    generatedAt: TimestampOut,
    injects: z.array(ExerciseInject),
    actions: z.array(ExerciseActionFigures),
    organizations: z.array(ExerciseOrganizationFigures),
    unreachableContacts: z.array(UnreachableContact),
    escalationLevels: z.array(
      z.object({
        chainId: z.optional(z.string()),
        level: z.optional(z.number().check(z.int())),
        at: TimestampOut,
      }),
    ),
    regulatoryClocks: meta(
      z.array(
        z.object({
          obligationId: z.string(),
          clock: z.string(),
          due: z.nullable(z.string()),
          simulated: z.literal(true),
        }),
      ),
      { description: 'Regulator clocks of the exercise incident: simulated, never a real submission' },
    ),
    findings: z.array(Finding),
    agreementUpdates: meta(z.array(AgreementUpdate), {
      description: 'Agreement updates raised from its findings (first 100)',
    }),
    results: ExerciseResults,
  }),
  { id: 'ExerciseReport' },
);
export type ExerciseReport = z.infer<typeof ExerciseReport>;

export const ExerciseComparison = meta(
  pageOf(
    meta(
      z.object({
        exerciseId: z.string(),
        title: z.string(),
        startAt: TimestampOut,
        status: z.enum(['running', 'ended']),
        playbookVersion: z.optional(z.number().check(z.int())),
        results: meta(z.nullable(ExerciseResults), { description: 'Null while the exercise runs' }),
      }),
      { id: 'ExerciseComparisonItem' },
    ),
  ),
  { id: 'ExerciseComparison' },
);
export type ExerciseComparison = z.infer<typeof ExerciseComparison>;

/** The Scheduler event of one inject firing (target `exercise-inject`). */
export const ExerciseInjectEvent = z.strictObject({
  exerciseId: Id,
  n: z.number().check(z.int(), z.minimum(1)),
});
export type ExerciseInjectEvent = z.infer<typeof ExerciseInjectEvent>;
