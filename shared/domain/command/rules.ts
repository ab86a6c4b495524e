/**
 * Incident command rules (pure): who holds decision authority, and what an assignment or handover
 * changes. Decision authority (ISO/IEC 27035-4 coordination center):
 *  - an admin may always decide;
 *  - once an incident commander is named, only that commander (by token subject) may close, reopen,
 *    lower the incident's or a communication's TLP, or change the commander;
 *  - until one is named, coordinators may (the incident's normal operating mode before a command
 *    structure is set up).
 * Raising the TLP (more restrictive) and assigning the other roles stay with coordinators.
 */
import { ForbiddenError } from '../../errors.js';
import type { Role } from '../../routes.js';
import {
  type Command,
  type CommandHolder,
  type CommandHolderInput,
  type CommandRole,
  type CommandTenure,
  PARTNER_COMMAND_ROLES,
} from '../../schemas/command.js';

export type Decision = 'close' | 'reopen' | 'lower_tlp' | 'change_commander';

export interface Actor {
  readonly subject: string;
  readonly roles: readonly Role[];
}

export type AuthorityDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string };

const WHAT: Record<Decision, string> = {
  close: 'close the incident',
  reopen: 'reopen the incident',
  lower_tlp: 'lower the TLP',
  change_commander: 'change the incident commander',
};

/** Whether `actor` may take `decision` on an incident whose command is `command`. */
export function decisionAuthority(
  actor: Actor,
  command: Command | undefined,
  decision: Decision,
): AuthorityDecision {
  if (actor.roles.includes('admin')) return { allowed: true };
  const commander = command?.incident_commander;
  if (commander) {
    if (commander.subject === actor.subject) return { allowed: true };
    return {
      allowed: false,
      reason: `Only the incident commander (${commander.name}) or an admin may ${WHAT[decision]}`,
    };
  }
  if (actor.roles.includes('coordinator')) return { allowed: true };
  return {
    allowed: false,
    reason: `Only a coordinator or an admin may ${WHAT[decision]} while no incident commander is named`,
  };
}

/**
 * 403 unless the caller runs the incident's coordination: an admin, a coordinator, or its incident
 * commander (who may be a responder: command is per incident, not a directory role). For assigning
 * roles and raising the TLP.
 */
export function assertCoordinates(actor: Actor, incident: { command?: Command | undefined }): void {
  if (actor.roles.includes('admin') || actor.roles.includes('coordinator')) return;
  if (incident.command?.incident_commander?.subject === actor.subject) return;
  throw new ForbiddenError('Only a coordinator, an admin or the incident commander may do this');
}

/** 403 unless the caller holds decision authority for `decision` on this incident. */
export function assertAuthority(
  actor: Actor,
  incident: { command?: Command | undefined },
  decision: Decision,
): void {
  const verdict = decisionAuthority(actor, incident.command, decision);
  if (!verdict.allowed) throw new ForbiddenError(verdict.reason);
}

export const isPartnerRole = (role: CommandRole): boolean =>
  (PARTNER_COMMAND_ROLES as readonly string[]).includes(role);

/** The field-level problems of an assignment (partner roles need a participating organization). */
export function assignmentProblems(
  role: CommandRole,
  holder: CommandHolderInput,
  participants: readonly string[],
): { field: string; message: string }[] {
  if (!isPartnerRole(role)) return [];
  if (!holder.organizationId) {
    return [{ field: 'body.holder.organizationId', message: `required for the partner role ${role}` }];
  }
  if (!participants.includes(holder.organizationId)) {
    return [
      {
        field: 'body.holder.organizationId',
        message: `${holder.organizationId} does not participate in the incident (affected third party, activation participant or coordinated action owner)`,
      },
    ];
  }
  return [];
}

export interface Handover {
  /** The role's holder from now on. */
  readonly holder: CommandHolder;
  /** The tenure that ends (absent for a first assignment or a re-assignment of the same subject). */
  readonly ended?: CommandTenure;
  /** `assigned` (nobody held it), `handed_over` (another subject held it), `updated` (same subject). */
  readonly kind: 'assigned' | 'handed_over' | 'updated';
}

/** What assigning `role` to `input` at `at` by `by` does to the current command. */
export function handover(
  command: Command | undefined,
  role: CommandRole,
  input: CommandHolderInput,
  at: string,
  by: string,
  note?: string,
): Handover {
  const previous = command?.[role];
  const holder: CommandHolder = {
    subject: input.subject,
    name: input.name,
    ...(input.contactId ? { contactId: input.contactId } : {}),
    ...(input.organizationId ? { organizationId: input.organizationId } : {}),
    since: previous && previous.subject === input.subject ? previous.since : at,
    assignedBy: previous && previous.subject === input.subject ? previous.assignedBy : by,
  };
  if (!previous) return { holder, kind: 'assigned' };
  if (previous.subject === input.subject) return { holder, kind: 'updated' };
  return {
    holder,
    kind: 'handed_over',
    ended: {
      role,
      subject: previous.subject,
      name: previous.name,
      ...(previous.contactId ? { contactId: previous.contactId } : {}),
      ...(previous.organizationId ? { organizationId: previous.organizationId } : {}),
      from: previous.since,
      until: at,
      assignedBy: previous.assignedBy,
      handedOverBy: by,
      handedOverTo: input.subject,
      ...(note ? { note } : {}),
    },
  };
}

/** The full history: ended tenures (stored) then current holders (open tenures), oldest first. */
export function commandHistory(
  ended: readonly CommandTenure[],
  command: Command | undefined,
): CommandTenure[] {
  const current = Object.entries(command ?? {}).map(
    ([role, h]): CommandTenure => ({
      role: role as CommandRole,
      subject: h.subject,
      name: h.name,
      ...(h.contactId ? { contactId: h.contactId } : {}),
      ...(h.organizationId ? { organizationId: h.organizationId } : {}),
      from: h.since,
      assignedBy: h.assignedBy,
    }),
  );
  return [...ended, ...current].sort((a, b) => a.from.localeCompare(b.from) || a.role.localeCompare(b.role));
}
