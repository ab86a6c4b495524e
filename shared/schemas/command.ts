/** Incident command (ISO/IEC 27035-4 coordination center): named roles, holders, handovers, TLP changes. */
import { z } from 'zod';
import { Id, Text, TimestampOut, Tlp } from './common.js';

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

export const CommandHolderInput = z
  .strictObject({
    subject: Text(200).meta({
      description: "The holder's token subject (`sub`): decision authority follows it",
    }),
    name: Text(200),
    contactId: Id.optional().meta({
      description: 'A live directory contact: how Liaison notifies the holder (reminders, escalations)',
    }),
    organizationId: Id.optional().meta({
      description: 'Required for partner_* roles: a participating organization of the incident',
    }),
  })
  .meta({ id: 'CommandHolderInput' });
export type CommandHolderInput = z.infer<typeof CommandHolderInput>;

export const AssignRoleBody = z
  .strictObject({ role: CommandRole, holder: CommandHolderInput, note: Text(2000).optional() })
  .meta({ id: 'AssignRole' });
export type AssignRoleBody = z.infer<typeof AssignRoleBody>;

/** Current holder of a role, as stored on the incident item (`command.<role>`). */
export const CommandHolder = z
  .object({
    subject: z.string(),
    name: z.string(),
    contactId: z.string().optional(),
    organizationId: z.string().optional(),
    since: TimestampOut,
    assignedBy: z.string(),
  })
  .meta({ id: 'CommandHolder' });
export type CommandHolder = z.infer<typeof CommandHolder>;

export const Command = z
  .partialRecord(CommandRole, CommandHolder)
  .meta({ id: 'Command', description: 'Current holder of each named role' });
export type Command = z.infer<typeof Command>;

/** One tenure: who held a role from when to when (`until` absent: still holds it). */
export const CommandTenure = z
  .object({
    role: CommandRole,
    subject: z.string(),
    name: z.string(),
    contactId: z.string().optional(),
    organizationId: z.string().optional(),
    from: TimestampOut,
    until: TimestampOut.optional(),
    assignedBy: z.string(),
    handedOverBy: z.string().optional(),
    handedOverTo: z.string().optional().meta({ description: 'Subject of the next holder' }),
    note: z.string().optional(),
  })
  .meta({ id: 'CommandTenure' });
export type CommandTenure = z.infer<typeof CommandTenure>;

export const RoleAssignment = z
  .object({
    incidentId: z.string(),
    role: CommandRole,
    holder: CommandHolder,
    previous: CommandTenure.optional().meta({ description: 'The tenure this assignment ended (handover)' }),
    command: Command,
  })
  .meta({ id: 'RoleAssignment' });
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const ChangeTlpBody = z
  .strictObject({ tlp: Tlp, reason: Text(2000) })
  .meta({ id: 'ChangeIncidentTlp' });
export type ChangeTlpBody = z.infer<typeof ChangeTlpBody>;
