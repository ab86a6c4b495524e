/**
 * Escalation policies, escalation chains, acknowledgement and escalation triggers (ISO/IEC 27035-4
 * escalation). Request and response schemas; the rules live in `shared/domain/escalation/`.
 * (Not to be confused with `escalations.ts`: the one-off ESC-n records of an incident.)
 */
import { z } from 'zod';
import { TIMEFRAME_FORMS } from '../model/timeframe.js';
import { Id, PageQuery, Priority, Text, TimestampOut } from './common.js';
import { StakeholderGroup } from './contacts.js';
import { Timeframe } from './coordination.js';

/** Who a notice goes to (same shape as a communication's `recipients`). */
export const NoticeRecipients = z
  .strictObject({
    contacts: z.array(Id).max(20).optional().meta({ description: 'Contacts named individually' }),
    organizations: z
      .array(Id)
      .max(20)
      .optional()
      .meta({ description: "The organization's escalation contacts (else all its live contacts)" }),
    groups: z.array(StakeholderGroup).max(17).optional().meta({ description: 'Live contacts of each group' }),
  })
  .meta({ id: 'NoticeRecipients' });
export type NoticeRecipients = z.infer<typeof NoticeRecipients>;

// ---------- policies ----------

export const PolicyLevel = z
  .strictObject({
    level: z.number().int().min(1).max(10),
    contacts: z.array(Id).max(20).optional(),
    groups: z.array(StakeholderGroup).max(17).optional(),
    organizations: z.array(Id).max(20).optional(),
    timeframe: Timeframe.meta({
      description: `How long this level has before the next one is notified: ${TIMEFRAME_FORMS}`,
    }),
  })
  .meta({ id: 'EscalationPolicyLevel' });
export type PolicyLevel = z.infer<typeof PolicyLevel>;

export const AutoStart = z
  .strictObject({ minPriority: Priority })
  .meta({ id: 'EscalationAutoStart', description: 'Start a chain on every incident created at or above' });

const policyFields = {
  name: Text(200),
  description: Text(2000).optional(),
  levels: z.array(PolicyLevel).min(1).max(10).meta({
    description: 'Levels 1, 2, 3 … (distinct, consecutive); each names at least one recipient',
  }),
};

export const CreateEscalationPolicyBody = z
  .strictObject({ id: Id.optional(), ...policyFields, autoStart: AutoStart.optional() })
  .meta({ id: 'CreateEscalationPolicy' });
export type CreateEscalationPolicyBody = z.infer<typeof CreateEscalationPolicyBody>;

export const UpdateEscalationPolicyBody = z
  .strictObject({
    name: policyFields.name.optional(),
    description: policyFields.description,
    levels: policyFields.levels.optional(),
    autoStart: AutoStart.nullable().optional().meta({ description: 'null removes it' }),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })
  .meta({ id: 'UpdateEscalationPolicy' });
export type UpdateEscalationPolicyBody = z.infer<typeof UpdateEscalationPolicyBody>;

export const EscalationPolicy = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    levels: z.array(PolicyLevel),
    autoStart: AutoStart.optional(),
    version: z.number().int(),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  })
  .meta({ id: 'EscalationPolicy' });
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

export const ListEscalationPoliciesQuery = z.strictObject({ ...PageQuery });
export type ListEscalationPoliciesQuery = z.infer<typeof ListEscalationPoliciesQuery>;

// ---------- chains ----------

export const StartEscalationChainBody = z
  .strictObject({
    policyId: Id.optional(),
    channelId: Id.optional().meta({
      description: 'A coordination channel: its escalationRules are the policy',
    }),
    reason: Text(1000).optional(),
  })
  .refine((b) => (b.policyId === undefined) !== (b.channelId === undefined), {
    message: 'exactly one of policyId and channelId is required',
  })
  .meta({ id: 'StartEscalationChain' });
export type StartEscalationChainBody = z.infer<typeof StartEscalationChainBody>;

export const CHAIN_STATUSES = ['active', 'acknowledged', 'exhausted', 'stopped'] as const;
export const ChainStatus = z.enum(CHAIN_STATUSES);
export type ChainStatus = z.infer<typeof ChainStatus>;

export const ChainLevel = z
  .object({
    level: z.number().int(),
    recipients: NoticeRecipients,
    timeframe: z.string(),
    unresolved: z
      .array(z.string())
      .optional()
      .meta({ description: 'Channel rule contacts that are no contact, organization or group' }),
  })
  .meta({ id: 'EscalationChainLevel' });
export type ChainLevel = z.infer<typeof ChainLevel>;

export const ChainStep = z
  .object({
    level: z.number().int(),
    at: TimestampOut,
    communicationId: z
      .string()
      .nullable()
      .meta({ description: 'null while sending or when nobody was reached' }),
    replaced: z.array(z.object({ contactId: z.string(), alternateId: z.string() })),
    skipped: z.array(z.object({ recipient: z.string(), reason: z.string() })),
  })
  .meta({ id: 'EscalationChainStep' });
export type ChainStep = z.infer<typeof ChainStep>;

export const EscalationChain = z
  .object({
    chainId: z.string(),
    incidentId: z.string(),
    source: z.union([
      z.object({ type: z.literal('policy'), policyId: z.string(), policyVersion: z.number().int() }),
      z.object({ type: z.literal('channel'), channelId: z.string(), channelVersion: z.number().int() }),
    ]),
    activationId: z.string().optional().meta({ description: 'The activation the chain is about, if any' }),
    triggerId: z.string().optional().meta({ description: 'The escalation trigger that started it, if any' }),
    reason: z.string().optional(),
    status: ChainStatus,
    currentLevel: z.number().int().meta({ description: 'Last level notified (0 before level 1)' }),
    levels: z.array(ChainLevel),
    steps: z.array(ChainStep),
    nextLevelAt: TimestampOut.nullable(),
    nextSchedule: z.string().nullable().meta({ description: 'Name of the pending one-time schedule' }),
    startedAt: TimestampOut,
    startedBy: z.string(),
    endedAt: TimestampOut.optional(),
    endedBy: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'EscalationChain' });
export type EscalationChain = z.infer<typeof EscalationChain>;

export const AcknowledgeIncidentBody = z
  .strictObject({ note: Text(1000).optional() })
  .meta({ id: 'AcknowledgeIncident', description: 'Optional; the body may be empty' });
export type AcknowledgeIncidentBody = z.infer<typeof AcknowledgeIncidentBody>;

export const Acknowledgement = z
  .object({
    incidentId: z.string(),
    acknowledgedAt: TimestampOut,
    acknowledgedBy: z.string(),
    note: z.string().optional(),
    stoppedChains: z.array(z.string()),
    cancelledSchedules: z.array(z.string()),
  })
  .meta({ id: 'Acknowledgement' });
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export const AcknowledgeByLinkBody = z.strictObject({ note: Text(1000).optional() }).meta({
  id: 'AcknowledgeByLink',
  description: 'Optional; the body may be empty, JSON or a form submission (note=…)',
});
export type AcknowledgeByLinkBody = z.infer<typeof AcknowledgeByLinkBody>;

export const LinkAcknowledgement = z
  .object({
    acknowledged: z.literal(true),
    incidentId: z.string(),
    chainId: z.string().meta({ description: 'The escalation chain whose notice carried the link' }),
    level: z.number().int(),
    acknowledgedAt: TimestampOut,
    stoppedChains: z.array(z.string()),
    cancelledSchedules: z.array(z.string()),
    alreadyStopped: z.boolean().meta({
      description:
        'True when no chain was still running (someone acknowledged first, the ladder ended or the incident closed); the acknowledgement is recorded all the same',
    }),
    message: z.string(),
  })
  .meta({ id: 'LinkAcknowledgement' });
export type LinkAcknowledgement = z.infer<typeof LinkAcknowledgement>;

// ---------- triggers ----------

export const TriggerWhen = z
  .strictObject({
    priorityAtLeast: Priority.optional(),
    dataCompromisedIncludes: z
      .array(Text(200))
      .min(1)
      .max(20)
      .optional()
      .meta({ description: "Any of these in the impact assessment's dataCompromised (case-insensitive)" }),
    regulatoryImpactAtLeast: z.enum(['minor', 'moderate', 'severe']).optional(),
    thirdPartiesAffectedMoreThan: z.number().int().min(0).max(1000).optional(),
    actionOverdue: z.literal(true).optional().meta({ description: 'At least one response action overdue' }),
  })
  .refine((w) => Object.values(w).some((v) => v !== undefined), { message: 'name at least one condition' })
  .meta({ id: 'TriggerCondition', description: 'Every condition given must hold (AND)' });
export type TriggerWhen = z.infer<typeof TriggerWhen>;

const triggerFields = {
  name: Text(200),
  when: TriggerWhen,
  notify: NoticeRecipients,
  template: Id.optional().meta({ description: 'Template whose approved version renders the notice' }),
  startChain: Id.optional().meta({ description: 'Escalation policy to start a chain on' }),
  enabled: z.boolean(),
};

export const CreateEscalationTriggerBody = z
  .strictObject({ id: Id.optional(), ...triggerFields, enabled: triggerFields.enabled.default(true) })
  .meta({ id: 'CreateEscalationTrigger' });
export type CreateEscalationTriggerBody = z.infer<typeof CreateEscalationTriggerBody>;

export const UpdateEscalationTriggerBody = z
  .strictObject({
    name: triggerFields.name.optional(),
    when: triggerFields.when.optional(),
    notify: triggerFields.notify.optional(),
    template: Id.nullable().optional(),
    startChain: Id.nullable().optional(),
    enabled: triggerFields.enabled.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })
  .meta({ id: 'UpdateEscalationTrigger', description: 'null removes template / startChain' });
export type UpdateEscalationTriggerBody = z.infer<typeof UpdateEscalationTriggerBody>;

export const EscalationTrigger = z
  .object({
    id: z.string(),
    name: z.string(),
    when: TriggerWhen,
    notify: NoticeRecipients,
    template: z.string().optional(),
    startChain: z.string().optional(),
    enabled: z.boolean(),
    version: z.number().int(),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  })
  .meta({ id: 'EscalationTrigger' });
export type EscalationTrigger = z.infer<typeof EscalationTrigger>;

export const ListEscalationTriggersQuery = z.strictObject({ ...PageQuery });
export type ListEscalationTriggersQuery = z.infer<typeof ListEscalationTriggersQuery>;
