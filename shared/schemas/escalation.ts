/**
 * Escalation policies, escalation chains, acknowledgement and escalation triggers (ISO/IEC 27035-4
 * escalation). Request and response schemas; the rules live in `shared/domain/escalation/`.
 * (Not to be confused with `escalations.ts`: the one-off ESC-n records of an incident.)
 */
import * as z from 'zod/mini';
import { TIMEFRAME_FORMS } from '../model/timeframe.js';
import { Id, meta, PageQuery, Priority, Text, TimestampOut } from './common.js';
import { StakeholderGroup } from './contacts.js';
import { Timeframe } from './coordination.js';

/** Who a notice goes to (same shape as a communication's `recipients`). */
export const NoticeRecipients = meta(
  z.strictObject({
    contacts: meta(z.optional(z.array(Id).check(z.maxLength(20))), {
      description: 'Contacts named individually',
    }),
    organizations: meta(z.optional(z.array(Id).check(z.maxLength(20))), {
      description: "The organization's escalation contacts (else all its live contacts)",
    }),
    groups: meta(z.optional(z.array(StakeholderGroup).check(z.maxLength(17))), {
      description: 'Live contacts of each group',
    }),
  }),
  { id: 'NoticeRecipients' },
);
export type NoticeRecipients = z.infer<typeof NoticeRecipients>;

// ---------- policies ----------

export const PolicyLevel = meta(
  z.strictObject({
    level: z.number().check(z.int(), z.minimum(1), z.maximum(10)),
    contacts: z.optional(z.array(Id).check(z.maxLength(20))),
    groups: z.optional(z.array(StakeholderGroup).check(z.maxLength(17))),
    organizations: z.optional(z.array(Id).check(z.maxLength(20))),
    timeframe: meta(Timeframe, {
      description: `How long this level has before the next one is notified: ${TIMEFRAME_FORMS}`,
    }),
  }),
  { id: 'EscalationPolicyLevel' },
);
export type PolicyLevel = z.infer<typeof PolicyLevel>;

export const AutoStart = meta(z.strictObject({ minPriority: Priority }), {
  id: 'EscalationAutoStart',
  description: 'Start a chain on every incident created at or above',
});

const policyFields = {
  name: Text(200),
  description: z.optional(Text(2000)),
  levels: meta(z.array(PolicyLevel).check(z.minLength(1), z.maxLength(10)), {
    description: 'Levels 1, 2, 3 … (distinct, consecutive); each names at least one recipient',
  }),
};

export const CreateEscalationPolicyBody = meta(
  z.strictObject({ id: z.optional(Id), ...policyFields, autoStart: z.optional(AutoStart) }),
  { id: 'CreateEscalationPolicy' },
);
export type CreateEscalationPolicyBody = z.infer<typeof CreateEscalationPolicyBody>;

export const UpdateEscalationPolicyBody = meta(
  z
    .strictObject({
      name: z.optional(policyFields.name),
      description: policyFields.description,
      levels: z.optional(policyFields.levels),
      autoStart: meta(z.optional(z.nullable(AutoStart)), { description: 'null removes it' }),
    })
    .check(z.refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })),
  { id: 'UpdateEscalationPolicy' },
);
export type UpdateEscalationPolicyBody = z.infer<typeof UpdateEscalationPolicyBody>;

export const EscalationPolicy = meta(
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.optional(z.string()),
    levels: z.array(PolicyLevel),
    autoStart: z.optional(AutoStart),
    version: z.number().check(z.int()),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  }),
  { id: 'EscalationPolicy' },
);
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

export const ListEscalationPoliciesQuery = z.strictObject({ ...PageQuery });
export type ListEscalationPoliciesQuery = z.infer<typeof ListEscalationPoliciesQuery>;

// ---------- chains ----------

export const StartEscalationChainBody = meta(
  z
    .strictObject({
      policyId: z.optional(Id),
      channelId: meta(z.optional(Id), {
        description: 'A coordination channel: its escalationRules are the policy',
      }),
      reason: z.optional(Text(1000)),
    })
    .check(
      z.refine((b) => (b.policyId === undefined) !== (b.channelId === undefined), {
        message: 'exactly one of policyId and channelId is required',
      }),
    ),
  { id: 'StartEscalationChain' },
);
export type StartEscalationChainBody = z.infer<typeof StartEscalationChainBody>;

export const CHAIN_STATUSES = ['active', 'acknowledged', 'exhausted', 'stopped'] as const;
export const ChainStatus = z.enum(CHAIN_STATUSES);
export type ChainStatus = z.infer<typeof ChainStatus>;

export const ChainLevel = meta(
  z.object({
    level: z.number().check(z.int()),
    recipients: NoticeRecipients,
    timeframe: z.string(),
    unresolved: meta(z.optional(z.array(z.string())), {
      description: 'Channel rule contacts that are no contact, organization or group',
    }),
  }),
  { id: 'EscalationChainLevel' },
);
export type ChainLevel = z.infer<typeof ChainLevel>;

export const ChainStep = meta(
  z.object({
    level: z.number().check(z.int()),
    at: TimestampOut,
    communicationId: meta(z.nullable(z.string()), {
      description: 'null while sending or when nobody was reached',
    }),
    replaced: z.array(z.object({ contactId: z.string(), alternateId: z.string() })),
    skipped: z.array(z.object({ recipient: z.string(), reason: z.string() })),
  }),
  { id: 'EscalationChainStep' },
);
export type ChainStep = z.infer<typeof ChainStep>;

export const EscalationChain = meta(
  z.object({
    chainId: z.string(),
    incidentId: z.string(),
    source: z.union([
      z.object({ type: z.literal('policy'), policyId: z.string(), policyVersion: z.number().check(z.int()) }),
      z.object({
        type: z.literal('channel'),
        channelId: z.string(),
        channelVersion: z.number().check(z.int()),
      }),
    ]),
    activationId: meta(z.optional(z.string()), { description: 'The activation the chain is about, if any' }),
    triggerId: meta(z.optional(z.string()), {
      description: 'The escalation trigger that started it, if any',
    }),
    reason: z.optional(z.string()),
    status: ChainStatus,
    currentLevel: meta(z.number().check(z.int()), { description: 'Last level notified (0 before level 1)' }),
    levels: z.array(ChainLevel),
    steps: z.array(ChainStep),
    nextLevelAt: z.nullable(TimestampOut),
    nextSchedule: meta(z.nullable(z.string()), { description: 'Name of the pending one-time schedule' }),
    startedAt: TimestampOut,
    startedBy: z.string(),
    endedAt: z.optional(TimestampOut),
    endedBy: z.optional(z.string()),
    version: z.number().check(z.int()),
  }),
  { id: 'EscalationChain' },
);
export type EscalationChain = z.infer<typeof EscalationChain>;

export const AcknowledgeIncidentBody = meta(z.strictObject({ note: z.optional(Text(1000)) }), {
  id: 'AcknowledgeIncident',
  description: 'Optional; the body may be empty',
});
export type AcknowledgeIncidentBody = z.infer<typeof AcknowledgeIncidentBody>;

export const Acknowledgement = meta(
  z.object({
    incidentId: z.string(),
    acknowledgedAt: TimestampOut,
    acknowledgedBy: z.string(),
    note: z.optional(z.string()),
    stoppedChains: z.array(z.string()),
    cancelledSchedules: z.array(z.string()),
  }),
  { id: 'Acknowledgement' },
);
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export const AcknowledgeByLinkBody = meta(z.strictObject({ note: z.optional(Text(1000)) }), {
  id: 'AcknowledgeByLink',
  description: 'Optional; the body may be empty, JSON or a form submission (note=…)',
});
export type AcknowledgeByLinkBody = z.infer<typeof AcknowledgeByLinkBody>;

export const LinkAcknowledgement = meta(
  z.object({
    acknowledged: z.literal(true),
    incidentId: z.string(),
    chainId: meta(z.string(), { description: 'The escalation chain whose notice carried the link' }),
    level: z.number().check(z.int()),
    acknowledgedAt: TimestampOut,
    stoppedChains: z.array(z.string()),
    cancelledSchedules: z.array(z.string()),
    alreadyStopped: meta(z.boolean(), {
      description:
        'True when no chain was still running (someone acknowledged first, the ladder ended or the incident closed); the acknowledgement is recorded all the same',
    }),
    message: z.string(),
  }),
  { id: 'LinkAcknowledgement' },
);
export type LinkAcknowledgement = z.infer<typeof LinkAcknowledgement>;

// ---------- triggers ----------

export const TriggerWhen = meta(
  z
    .strictObject({
      priorityAtLeast: z.optional(Priority),
      dataCompromisedIncludes: meta(z.optional(z.array(Text(200)).check(z.minLength(1), z.maxLength(20))), {
        description: "Any of these in the impact assessment's dataCompromised (case-insensitive)",
      }),
      regulatoryImpactAtLeast: z.optional(z.enum(['minor', 'moderate', 'severe'])),
      thirdPartiesAffectedMoreThan: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1000))),
      actionOverdue: meta(z.optional(z.literal(true)), {
        description: 'At least one response action overdue',
      }),
    })
    .check(
      z.refine((w) => Object.values(w).some((v) => v !== undefined), {
        message: 'name at least one condition',
      }),
    ),
  { id: 'TriggerCondition', description: 'Every condition given must hold (AND)' },
);
export type TriggerWhen = z.infer<typeof TriggerWhen>;

const triggerFields = {
  name: Text(200),
  when: TriggerWhen,
  notify: NoticeRecipients,
  template: meta(z.optional(Id), { description: 'Template whose approved version renders the notice' }),
  startChain: meta(z.optional(Id), { description: 'Escalation policy to start a chain on' }),
  enabled: z.boolean(),
};

export const CreateEscalationTriggerBody = meta(
  z.strictObject({ id: z.optional(Id), ...triggerFields, enabled: z._default(triggerFields.enabled, true) }),
  { id: 'CreateEscalationTrigger' },
);
export type CreateEscalationTriggerBody = z.infer<typeof CreateEscalationTriggerBody>;

export const UpdateEscalationTriggerBody = meta(
  z
    .strictObject({
      name: z.optional(triggerFields.name),
      when: z.optional(triggerFields.when),
      notify: z.optional(triggerFields.notify),
      template: z.optional(z.nullable(Id)),
      startChain: z.optional(z.nullable(Id)),
      enabled: z.optional(triggerFields.enabled),
    })
    .check(z.refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })),
  { id: 'UpdateEscalationTrigger', description: 'null removes template / startChain' },
);
export type UpdateEscalationTriggerBody = z.infer<typeof UpdateEscalationTriggerBody>;

export const EscalationTrigger = meta(
  z.object({
    id: z.string(),
    name: z.string(),
    when: TriggerWhen,
    notify: NoticeRecipients,
    template: z.optional(z.string()),
    startChain: z.optional(z.string()),
    enabled: z.boolean(),
    version: z.number().check(z.int()),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  }),
  { id: 'EscalationTrigger' },
);
export type EscalationTrigger = z.infer<typeof EscalationTrigger>;

export const ListEscalationTriggersQuery = z.strictObject({ ...PageQuery });
export type ListEscalationTriggersQuery = z.infer<typeof ListEscalationTriggersQuery>;
