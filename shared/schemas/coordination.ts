/**
 * Coordination channels, shared playbooks, activations and coordinated actions (ISO/IEC 27035-4
 * multi-organization coordination). Request and response schemas; the routes come with the service.
 */
import * as z from 'zod/mini';
import { COORDINATED_ACTION_STATUSES } from '../model/coordination.js';
import { parseTimeframe, TIMEFRAME_FORMS } from '../model/timeframe.js';
import { Id, meta, PageQuery, Priority, Text, Timestamp, TimestampOut } from './common.js';
import { CreateEscalationBody, Escalation } from './escalations.js';

export const Timeframe = meta(
  z.string().check(
    z.trim(),
    z.refine((v) => parseTimeframe(v) !== undefined, { message: `expected ${TIMEFRAME_FORMS}` }),
  ),
  { description: `A positive timeframe: ${TIMEFRAME_FORMS}` },
);

const distinct = <T extends z.ZodMiniType>(item: T, max: number) =>
  z.array(item).check(
    z.maxLength(max),
    z.refine((xs) => new Set(xs).size === xs.length, { message: 'lists an entry twice' }),
  );

export const EscalationRule = meta(
  z.strictObject({
    level: z.number().check(z.int(), z.minimum(1), z.maximum(10)),
    contact: Text(200),
    timeframe: Timeframe,
  }),
  { id: 'EscalationRule' },
);

const EscalationRules = z.array(EscalationRule).check(
  z.maxLength(10),
  z.refine((rs) => new Set(rs.map((r) => r.level)).size === rs.length, { message: 'lists a level twice' }),
);

const channelFields = {
  name: Text(200),
  type: meta(Text(100), { description: 'bilateral, sector, multilateral …' }),
  participants: distinct(Id, 50).check(
    z.refine((xs) => xs.length > 0, {
      message: 'needs at least one organization',
    }),
  ),
  purpose: Text(2000),
  communicationMethods: distinct(Text(100), 20),
  primaryMethod: Text(100),
  backupMethod: z.optional(Text(100)),
  escalationRules: meta(EscalationRules, {
    description: 'The escalation policy of every activation that names this channel',
  }),
};

export const CreateChannelBody = meta(z.strictObject({ id: z.optional(Id), ...channelFields }), {
  id: 'CreateChannel',
});
export type CreateChannelBody = z.infer<typeof CreateChannelBody>;

export const UpdateChannelBody = meta(
  z
    .strictObject(
      Object.fromEntries(Object.entries(channelFields).map(([k, v]) => [k, z.optional(v)])) as {
        [K in keyof typeof channelFields]: z.ZodMiniOptional<(typeof channelFields)[K]>;
      },
    )
    .check(z.refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })),
  { id: 'UpdateChannel' },
);
export type UpdateChannelBody = z.infer<typeof UpdateChannelBody>;

export const ResponseActionTemplate = meta(
  z.strictObject({ action: Text(2000), responsible: Id, timeframe: Timeframe }),
  { id: 'PlaybookResponseAction' },
);

const playbookFields = {
  name: Text(200),
  incidentType: Text(100),
  participatingOrganizations: distinct(Id, 50).check(
    z.refine((xs) => xs.length > 0, {
      message: 'needs at least one organization',
    }),
  ),
  rolesResponsibilities: meta(z.record(Id, z.array(Text(200)).check(z.minLength(1), z.maxLength(50))), {
    description: 'organizationId → roles; every key must participate',
  }),
  communicationProtocols: meta(z.record(Text(100), Text(200)), { description: 'name → method' }),
  escalationProcedures: z.union([Text(5000), z.array(Text(1000)).check(z.maxLength(50))]),
  responseActions: z.array(ResponseActionTemplate).check(z.maxLength(100)),
};

/** Organizations named by roles or response actions must participate in the playbook. */
function participantsCover(
  b: {
    participatingOrganizations?: readonly string[] | undefined;
    rolesResponsibilities?: Record<string, unknown> | undefined;
    responseActions?: readonly { responsible: string }[] | undefined;
  },
  ctx: z.core.$RefinementCtx,
): void {
  const orgs = b.participatingOrganizations;
  if (!orgs) return;
  for (const id of Object.keys(b.rolesResponsibilities ?? {})) {
    if (!orgs.includes(id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rolesResponsibilities', id],
        message: 'not a participating organization',
      });
    }
  }
  (b.responseActions ?? []).forEach((a, i) => {
    if (!orgs.includes(a.responsible)) {
      ctx.addIssue({
        code: 'custom',
        path: ['responseActions', i, 'responsible'],
        message: 'not a participating organization',
      });
    }
  });
}

export const CreatePlaybookBody = meta(
  z.strictObject({ id: z.optional(Id), ...playbookFields }).check(z.superRefine(participantsCover)),
  { id: 'CreatePlaybook' },
);
export type CreatePlaybookBody = z.infer<typeof CreatePlaybookBody>;

export const UpdatePlaybookBody = meta(
  z
    .strictObject(
      Object.fromEntries(Object.entries(playbookFields).map(([k, v]) => [k, z.optional(v)])) as {
        [K in keyof typeof playbookFields]: z.ZodMiniOptional<(typeof playbookFields)[K]>;
      },
    )
    .check(
      z.refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' }),
      z.superRefine(participantsCover),
    ),
  {
    id: 'UpdatePlaybook',
    description: 'Creates a new version; activations keep the version they used',
  },
);
export type UpdatePlaybookBody = z.infer<typeof UpdatePlaybookBody>;

export const CreateActivationBody = meta(
  z.strictObject({
    incidentId: Id,
    coordinationChannel: meta(z.optional(Id), { description: 'Channel whose escalation rules apply' }),
    escalationContacts: z.optional(distinct(Text(200), 20)),
  }),
  { id: 'CreateActivation' },
);
export type CreateActivationBody = z.infer<typeof CreateActivationBody>;

export const CoordinatedActionStatus = z.enum(COORDINATED_ACTION_STATUSES);

export const CompleteActivationBody = meta(z.strictObject({ notes: z.optional(Text(5000)) }), {
  id: 'CompleteActivation',
  description: '409 OPEN_COORDINATED_ACTIONS while any action is open',
});
export type CompleteActivationBody = z.infer<typeof CompleteActivationBody>;

export const CreateCoordinatedActionBody = meta(
  z.strictObject({
    description: Text(2000),
    responsibleOrganization: Id,
    supportingOrganizations: z.optional(distinct(Id, 50)),
    priority: z.optional(Priority),
    dueDate: z.optional(Timestamp),
    coordinationNotes: z.optional(Text(5000)),
  }),
  { id: 'CreateCoordinatedAction' },
);
export type CreateCoordinatedActionBody = z.infer<typeof CreateCoordinatedActionBody>;

export const UpdateCoordinatedActionBody = meta(
  z
    .strictObject({
      status: CoordinatedActionStatus,
      reason: meta(z.optional(Text(2000)), { description: 'Required when status is declined' }),
      coordinationNotes: z.optional(Text(5000)),
    })
    .check(
      z.refine((b) => b.status !== 'declined' || b.reason !== undefined, {
        path: ['reason'],
        message: 'required when status is declined',
      }),
    ),
  { id: 'UpdateCoordinatedAction' },
);
export type UpdateCoordinatedActionBody = z.infer<typeof UpdateCoordinatedActionBody>;

/** An activation's escalation has the same body and shape as an incident's (`ESC-n`). */
export const CreateActivationEscalationBody = CreateEscalationBody;
export type CreateActivationEscalationBody = CreateEscalationBody;

// ---- responses ----

export const CoordinatedAction = meta(
  z.object({
    actionId: z.string(),
    activationId: z.string(),
    description: z.string(),
    responsibleOrganization: z.string(),
    supportingOrganizations: z.array(z.string()),
    priority: Priority,
    status: CoordinatedActionStatus,
    dueDate: z.optional(TimestampOut),
    coordinationNotes: z.optional(z.string()),
    reason: z.optional(z.string()),
    acknowledgedAt: meta(z.optional(TimestampOut), {
      description: 'First time it was acknowledged (or started or completed without it)',
    }),
    completedAt: z.optional(TimestampOut),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  }),
  { id: 'CoordinatedAction' },
);
export type CoordinatedAction = z.infer<typeof CoordinatedAction>;

export const ActivationEscalation = Escalation;
export type ActivationEscalation = Escalation;

export const Activation = meta(
  z.object({
    activationId: z.string(),
    playbookId: z.string(),
    playbookVersion: z.number().check(z.int()),
    incidentId: z.string(),
    status: z.enum(['active', 'completed']),
    participatingOrganizations: z.array(z.string()),
    coordinationChannel: z.optional(z.string()),
    escalationRules: z.array(EscalationRule),
    escalationContacts: z.array(z.string()),
    activatedAt: TimestampOut,
    activatedBy: z.string(),
    completedAt: z.optional(TimestampOut),
    actions: z.array(CoordinatedAction),
    escalations: z.array(ActivationEscalation),
  }),
  { id: 'Activation' },
);
export type Activation = z.infer<typeof Activation>;

export const ReportParticipant = meta(
  z.object({
    organizationId: z.string(),
    name: z.string(),
    kind: z.string(),
    dimension: z.enum(['vertical', 'horizontal', 'external']),
  }),
  { id: 'ReportParticipant' },
);

/** ISO/IEC 27035-4 dimensions (rule: shared/domain/command/dimensions.ts). */
export const ParticipantsByDimension = meta(
  z.object({
    vertical: z.array(ReportParticipant),
    horizontal: z.array(ReportParticipant),
    external: z.array(ReportParticipant),
  }),
  {
    id: 'ParticipantsByDimension',
    description:
      'Participating organizations by ISO/IEC 27035-4 dimension: non-internal organizations are external; an internal unit is vertical when one of its live contacts is in a vertical group, else horizontal',
  },
);

export const ActivationReport = meta(
  z.object({
    activationId: z.string(),
    incidentId: z.string(),
    playbookId: z.string(),
    playbookVersion: z.number().check(z.int()),
    status: z.enum(['active', 'completed']),
    coordinationMetrics: z.object({
      totalActions: z.number().check(z.int()),
      completedActions: z.number().check(z.int()),
      pendingActions: meta(z.number().check(z.int()), {
        description: 'Actions still `pending`: not yet acknowledged by their organization',
      }),
      openActions: meta(z.number().check(z.int()), {
        description:
          'Actions not yet completed or declined (`pending`, `acknowledged`, `in_progress`): what blocks completing the activation and closing the incident',
      }),
      completionRate: z.number(),
    }),
    escalations: z.array(ActivationEscalation),
    actions: z.array(CoordinatedAction),
    participantsByDimension: meta(ParticipantsByDimension, {
      description: 'The activation’s participants and action owners by dimension',
    }),
    recommendations: z.array(z.object({ type: z.string(), priority: Priority, description: z.string() })),
  }),
  { id: 'ActivationReport' },
);
export type ActivationReport = z.infer<typeof ActivationReport>;

export const Channel = meta(
  z.object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    participants: z.array(z.string()),
    purpose: z.string(),
    communicationMethods: z.array(z.string()),
    primaryMethod: z.string(),
    backupMethod: z.optional(z.string()),
    escalationRules: z.array(EscalationRule),
    version: z.number().check(z.int()),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  }),
  { id: 'CoordinationChannel' },
);
export type Channel = z.infer<typeof Channel>;

export const ListChannelsQuery = z.strictObject({ ...PageQuery });
export type ListChannelsQuery = z.infer<typeof ListChannelsQuery>;

const playbookContent = {
  name: z.string(),
  incidentType: z.string(),
  participatingOrganizations: z.array(z.string()),
  rolesResponsibilities: z.record(z.string(), z.array(z.string())),
  communicationProtocols: z.record(z.string(), z.string()),
  escalationProcedures: z.union([z.string(), z.array(z.string())]),
  responseActions: z.array(ResponseActionTemplate),
};

export const Playbook = meta(
  z.object({
    id: z.string(),
    ...playbookContent,
    version: meta(z.number().check(z.int()), {
      description: 'Latest version; activations record the one they used',
    }),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  }),
  { id: 'Playbook' },
);
export type Playbook = z.infer<typeof Playbook>;

export const ListPlaybooksQuery = z.strictObject({ ...PageQuery });
export type ListPlaybooksQuery = z.infer<typeof ListPlaybooksQuery>;
