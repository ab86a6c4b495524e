/**
 * Coordination channels, shared playbooks, activations and coordinated actions (ISO/IEC 27035-4
 * multi-organization coordination). Request and response schemas; the routes come with the service.
 */
import { z } from 'zod';
import { COORDINATED_ACTION_STATUSES } from '../model/coordination.js';
import { parseTimeframe, TIMEFRAME_FORMS } from '../model/timeframe.js';
import { Id, PageQuery, Priority, Text, Timestamp, TimestampOut } from './common.js';
import { CreateEscalationBody, Escalation } from './escalations.js';

export const Timeframe = z
  .string()
  .trim()
  .refine((v) => parseTimeframe(v) !== undefined, { message: `expected ${TIMEFRAME_FORMS}` })
  .meta({ description: `A positive timeframe: ${TIMEFRAME_FORMS}` });

const distinct = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((xs) => new Set(xs).size === xs.length, { message: 'lists an entry twice' });

export const EscalationRule = z
  .strictObject({ level: z.number().int().min(1).max(10), contact: Text(200), timeframe: Timeframe })
  .meta({ id: 'EscalationRule' });

const EscalationRules = z
  .array(EscalationRule)
  .max(10)
  .refine((rs) => new Set(rs.map((r) => r.level)).size === rs.length, { message: 'lists a level twice' });

const channelFields = {
  name: Text(200),
  type: Text(100).meta({ description: 'bilateral, sector, multilateral …' }),
  participants: distinct(Id, 50).refine((xs) => xs.length > 0, {
    message: 'needs at least one organization',
  }),
  purpose: Text(2000),
  communicationMethods: distinct(Text(100), 20),
  primaryMethod: Text(100),
  backupMethod: Text(100).optional(),
  escalationRules: EscalationRules.meta({
    description: 'The escalation policy of every activation that names this channel',
  }),
};

export const CreateChannelBody = z
  .strictObject({ id: Id.optional(), ...channelFields })
  .meta({ id: 'CreateChannel' });
export type CreateChannelBody = z.infer<typeof CreateChannelBody>;

export const UpdateChannelBody = z
  .strictObject(
    Object.fromEntries(Object.entries(channelFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof channelFields]: z.ZodOptional<(typeof channelFields)[K]>;
    },
  )
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })
  .meta({ id: 'UpdateChannel' });
export type UpdateChannelBody = z.infer<typeof UpdateChannelBody>;

export const ResponseActionTemplate = z
  .strictObject({ action: Text(2000), responsible: Id, timeframe: Timeframe })
  .meta({ id: 'PlaybookResponseAction' });

const playbookFields = {
  name: Text(200),
  incidentType: Text(100),
  participatingOrganizations: distinct(Id, 50).refine((xs) => xs.length > 0, {
    message: 'needs at least one organization',
  }),
  rolesResponsibilities: z
    .record(Id, z.array(Text(200)).min(1).max(50))
    .meta({ description: 'organizationId → roles; every key must participate' }),
  communicationProtocols: z.record(Text(100), Text(200)).meta({ description: 'name → method' }),
  escalationProcedures: z.union([Text(5000), z.array(Text(1000)).max(50)]),
  responseActions: z.array(ResponseActionTemplate).max(100),
};

/** Organizations named by roles or response actions must participate in the playbook. */
function participantsCover(
  b: {
    participatingOrganizations?: readonly string[] | undefined;
    rolesResponsibilities?: Record<string, unknown> | undefined;
    responseActions?: readonly { responsible: string }[] | undefined;
  },
  ctx: z.RefinementCtx,
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

export const CreatePlaybookBody = z
  .strictObject({ id: Id.optional(), ...playbookFields })
  .superRefine(participantsCover)
  .meta({ id: 'CreatePlaybook' });
export type CreatePlaybookBody = z.infer<typeof CreatePlaybookBody>;

export const UpdatePlaybookBody = z
  .strictObject(
    Object.fromEntries(Object.entries(playbookFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof playbookFields]: z.ZodOptional<(typeof playbookFields)[K]>;
    },
  )
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })
  .superRefine(participantsCover)
  .meta({
    id: 'UpdatePlaybook',
    description: 'Creates a new version; activations keep the version they used',
  });
export type UpdatePlaybookBody = z.infer<typeof UpdatePlaybookBody>;

export const CreateActivationBody = z
  .strictObject({
    incidentId: Id,
    coordinationChannel: Id.optional().meta({ description: 'Channel whose escalation rules apply' }),
    escalationContacts: distinct(Text(200), 20).optional(),
  })
  .meta({ id: 'CreateActivation' });
export type CreateActivationBody = z.infer<typeof CreateActivationBody>;

export const CoordinatedActionStatus = z.enum(COORDINATED_ACTION_STATUSES);

export const CompleteActivationBody = z
  .strictObject({ notes: Text(5000).optional() })
  .meta({ id: 'CompleteActivation', description: '409 OPEN_COORDINATED_ACTIONS while any action is open' });
export type CompleteActivationBody = z.infer<typeof CompleteActivationBody>;

export const CreateCoordinatedActionBody = z
  .strictObject({
    description: Text(2000),
    responsibleOrganization: Id,
    supportingOrganizations: distinct(Id, 50).optional(),
    priority: Priority.optional(),
    dueDate: Timestamp.optional(),
    coordinationNotes: Text(5000).optional(),
  })
  .meta({ id: 'CreateCoordinatedAction' });
export type CreateCoordinatedActionBody = z.infer<typeof CreateCoordinatedActionBody>;

export const UpdateCoordinatedActionBody = z
  .strictObject({
    status: CoordinatedActionStatus,
    reason: Text(2000).optional().meta({ description: 'Required when status is declined' }),
    coordinationNotes: Text(5000).optional(),
  })
  .refine((b) => b.status !== 'declined' || b.reason !== undefined, {
    path: ['reason'],
    message: 'required when status is declined',
  })
  .meta({ id: 'UpdateCoordinatedAction' });
export type UpdateCoordinatedActionBody = z.infer<typeof UpdateCoordinatedActionBody>;

/** An activation's escalation has the same body and shape as an incident's (`ESC-n`). */
export const CreateActivationEscalationBody = CreateEscalationBody;
export type CreateActivationEscalationBody = CreateEscalationBody;

// ---- responses ----

export const CoordinatedAction = z
  .object({
    actionId: z.string(),
    activationId: z.string(),
    description: z.string(),
    responsibleOrganization: z.string(),
    supportingOrganizations: z.array(z.string()),
    priority: Priority,
    status: CoordinatedActionStatus,
    dueDate: TimestampOut.optional(),
    coordinationNotes: z.string().optional(),
    reason: z.string().optional(),
    acknowledgedAt: TimestampOut.optional().meta({
      description: 'First time it was acknowledged (or started or completed without it)',
    }),
    completedAt: TimestampOut.optional(),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  })
  .meta({ id: 'CoordinatedAction' });
export type CoordinatedAction = z.infer<typeof CoordinatedAction>;

export const ActivationEscalation = Escalation;
export type ActivationEscalation = Escalation;

export const Activation = z
  .object({
    activationId: z.string(),
    playbookId: z.string(),
    playbookVersion: z.number().int(),
    incidentId: z.string(),
    status: z.enum(['active', 'completed']),
    participatingOrganizations: z.array(z.string()),
    coordinationChannel: z.string().optional(),
    escalationRules: z.array(EscalationRule),
    escalationContacts: z.array(z.string()),
    activatedAt: TimestampOut,
    activatedBy: z.string(),
    completedAt: TimestampOut.optional(),
    actions: z.array(CoordinatedAction),
    escalations: z.array(ActivationEscalation),
  })
  .meta({ id: 'Activation' });
export type Activation = z.infer<typeof Activation>;

export const ReportParticipant = z
  .object({
    organizationId: z.string(),
    name: z.string(),
    kind: z.string(),
    dimension: z.enum(['vertical', 'horizontal', 'external']),
  })
  .meta({ id: 'ReportParticipant' });

/** ISO/IEC 27035-4 dimensions (rule: shared/domain/command/dimensions.ts). */
export const ParticipantsByDimension = z
  .object({
    vertical: z.array(ReportParticipant),
    horizontal: z.array(ReportParticipant),
    external: z.array(ReportParticipant),
  })
  .meta({
    id: 'ParticipantsByDimension',
    description:
      'Participating organizations by ISO/IEC 27035-4 dimension: non-internal organizations are external; an internal unit is vertical when one of its live contacts is in a vertical group, else horizontal',
  });

export const ActivationReport = z
  .object({
    activationId: z.string(),
    incidentId: z.string(),
    playbookId: z.string(),
    playbookVersion: z.number().int(),
    status: z.enum(['active', 'completed']),
    coordinationMetrics: z.object({
      totalActions: z.number().int(),
      completedActions: z.number().int(),
      pendingActions: z
        .number()
        .int()
        .meta({ description: 'Actions still `pending`: not yet acknowledged by their organization' }),
      openActions: z.number().int().meta({
        description:
          'Actions not yet completed or declined (`pending`, `acknowledged`, `in_progress`): what blocks completing the activation and closing the incident',
      }),
      completionRate: z.number(),
    }),
    escalations: z.array(ActivationEscalation),
    actions: z.array(CoordinatedAction),
    participantsByDimension: ParticipantsByDimension.meta({
      description: 'The activation’s participants and action owners by dimension',
    }),
    recommendations: z.array(z.object({ type: z.string(), priority: Priority, description: z.string() })),
  })
  .meta({ id: 'ActivationReport' });
export type ActivationReport = z.infer<typeof ActivationReport>;

export const Channel = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    participants: z.array(z.string()),
    purpose: z.string(),
    communicationMethods: z.array(z.string()),
    primaryMethod: z.string(),
    backupMethod: z.string().optional(),
    escalationRules: z.array(EscalationRule),
    version: z.number().int(),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  })
  .meta({ id: 'CoordinationChannel' });
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

export const Playbook = z
  .object({
    id: z.string(),
    ...playbookContent,
    version: z.number().int().meta({ description: 'Latest version; activations record the one they used' }),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  })
  .meta({ id: 'Playbook' });
export type Playbook = z.infer<typeof Playbook>;

export const ListPlaybooksQuery = z.strictObject({ ...PageQuery });
export type ListPlaybooksQuery = z.infer<typeof ListPlaybooksQuery>;
