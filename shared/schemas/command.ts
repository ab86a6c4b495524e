/** Incident command (ISO/IEC 27035-4 coordination center): named roles, holders, handovers, TLP changes. */
import * as z from 'zod/mini';
import { Id, meta, Text, TimestampOut, Tlp } from './common.js';

/** Roles of the deploying organization's incident command. */
export const INTERNAL_COMMAND_ROLES = [
  'incident_commander',
  'deputy_commander',
  'communications_lead',
  'liaison_officer',
  'legal_counsel',
  'technical_lead',
] as const;
/** Partner-side counterparts: held by someone of a participating organization (`organizationId`). */
export const PARTNER_COMMAND_ROLES = [
  'partner_incident_manager',
  'partner_technical_lead',
  'partner_communications_lead',
  'partner_liaison_officer',
] as const;
export const CommandRole = z.enum([...INTERNAL_COMMAND_ROLES, ...PARTNER_COMMAND_ROLES]);
export type CommandRole = z.infer<typeof CommandRole>;

export const CommandHolderInput = meta(
  z.strictObject({
    subject: meta(Text(200), {
      description: "The holder's token subject (`sub`): decision authority follows it",
    }),
    name: Text(200),
    contactId: meta(z.optional(Id), {
      description: 'A live directory contact: how Liaison notifies the holder (reminders, escalations)',
    }),
    organizationId: meta(z.optional(Id), {
      description: 'Required for partner_* roles: a participating organization of the incident',
    }),
  }),
  { id: 'CommandHolderInput' },
);
export type CommandHolderInput = z.infer<typeof CommandHolderInput>;

export const AssignRoleBody = meta(
  z.strictObject({ role: CommandRole, holder: CommandHolderInput, note: z.optional(Text(2000)) }),
  { id: 'AssignRole' },
);
export type AssignRoleBody = z.infer<typeof AssignRoleBody>;

/** Current holder of a role, as stored on the incident item (`command.<role>`). */
export const CommandHolder = meta(
  z.object({
    subject: z.string(),
    name: z.string(),
    contactId: z.optional(z.string()),
    organizationId: z.optional(z.string()),
    since: TimestampOut,
    assignedBy: z.string(),
  }),
  { id: 'CommandHolder' },
);
export type CommandHolder = z.infer<typeof CommandHolder>;

export const Command = meta(z.partialRecord(CommandRole, CommandHolder), {
  id: 'Command',
  description: 'Current holder of each named role',
});
export type Command = z.infer<typeof Command>;

/** One tenure: who held a role from when to when (`until` absent: still holds it). */
export const CommandTenure = meta(
  z.object({
    role: CommandRole,
    subject: z.string(),
    name: z.string(),
    contactId: z.optional(z.string()),
    organizationId: z.optional(z.string()),
    from: TimestampOut,
    until: z.optional(TimestampOut),
    assignedBy: z.string(),
    handedOverBy: z.optional(z.string()),
    handedOverTo: meta(z.optional(z.string()), { description: 'Subject of the next holder' }),
    note: z.optional(z.string()),
  }),
  { id: 'CommandTenure' },
);
export type CommandTenure = z.infer<typeof CommandTenure>;

export const RoleAssignment = meta(
  z.object({
    incidentId: z.string(),
    role: CommandRole,
    holder: CommandHolder,
    previous: meta(z.optional(CommandTenure), { description: 'The tenure this assignment ended (handover)' }),
    command: Command,
  }),
  { id: 'RoleAssignment' },
);
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const ChangeTlpBody = meta(z.strictObject({ tlp: Tlp, reason: Text(2000) }), {
  id: 'ChangeIncidentTlp',
});
export type ChangeTlpBody = z.infer<typeof ChangeTlpBody>;
