/**
 * Schemas of the reads and checks the web console needs (issue 13): the communication preview,
 * the incident edit and the dashboard.
 */
import * as z from 'zod/mini';
import { Id, meta, Severity, Text, TimestampOut, Tlp } from './common.js';

// ---------- POST /incidents/{incidentId}/communications/preview ----------

export const RecipientPreview = meta(
  z.object({
    contactId: z.string(),
    organizationId: z.string(),
    via: meta(z.enum(['contact', 'organization', 'group']), { description: 'How the request named it' }),
    field: meta(z.string(), { description: 'The request field that named it (body.recipients.…)' }),
    allowed: z.boolean(),
    code: meta(
      z.optional(
        z.enum([
          'TEMPLATE_TLP_CAP',
          'RED_NAMED_CONTACTS_ONLY',
          'AMBER_STRICT_NAMED_ORGANIZATIONS_ONLY',
          'ABOVE_AGREEMENT_CEILING',
        ]),
      ),
      { description: 'Why it is refused (absent when allowed)' },
    ),
    reason: meta(z.optional(z.string()), { description: 'Why it is refused, in words' }),
  }),
  { id: 'RecipientPreview' },
);
export type RecipientPreview = z.infer<typeof RecipientPreview>;

export const CommunicationPreview = meta(
  z.object({
    tlp: Tlp,
    tlpLoweredFrom: meta(z.optional(Tlp), {
      description: "The incident's level, when the message lowers it",
    }),
    subject: z.string(),
    content: z.string(),
    template: z.optional(z.object({ templateId: z.string(), version: z.number().check(z.int()) })),
    recipients: z.array(RecipientPreview),
    allowed: meta(z.boolean(), {
      description: 'True when createCommunication would send it to every recipient',
    }),
  }),
  { id: 'CommunicationPreview' },
);
export type CommunicationPreview = z.infer<typeof CommunicationPreview>;

// ---------- PATCH /incidents/{incidentId} ----------

export const UpdateIncidentBody = meta(
  z
    .strictObject({
      title: z.optional(Text(300)),
      description: z.optional(Text(10_000)),
      severity: z.optional(Severity),
      category: z.optional(Text(100)),
      addThirdParties: meta(z.optional(z.array(Id).check(z.maxLength(40))), {
        description:
          'Third parties now affected (each counted once on the third party, in the same transaction)',
      }),
      removeThirdParties: meta(z.optional(z.array(Id).check(z.maxLength(40))), {
        description: 'Third parties no longer affected (their incident count is decremented)',
      }),
    })
    .check(
      z.refine((b) => Object.values(b).some((v) => v !== undefined), {
        message: 'at least one field must be given',
      }),
    ),
  { id: 'UpdateIncident' },
);
export type UpdateIncidentBody = z.infer<typeof UpdateIncidentBody>;

// ---------- GET /dashboard ----------

export const DashboardQuery = z.strictObject({
  from: meta(z.optional(z.iso.datetime({ offset: true })), {
    description: 'Start of the metrics period (default: 30 days before `to`)',
  }),
  to: meta(z.optional(z.iso.datetime({ offset: true })), {
    description: 'End of the metrics period (default: now)',
  }),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Minutes = meta(z.nullable(z.number()), { description: 'Median minutes; null without any sample' });

export const Dashboard = meta(
  z.object({
    generatedAt: TimestampOut,
    period: z.object({ from: TimestampOut, to: TimestampOut }),
    openByPriority: z.object({
      critical: z.number().check(z.int()),
      high: z.number().check(z.int()),
      medium: z.number().check(z.int()),
      low: z.number().check(z.int()),
    }),
    openByStatus: z.record(z.string(), z.number().check(z.int())),
    overdueActions: z.array(
      z.object({
        incidentId: z.string(),
        actionId: z.string(),
        description: z.string(),
        dueDate: TimestampOut,
        status: z.string(),
      }),
    ),
    clocksDue: z.array(
      z.object({
        incidentId: z.string(),
        obligationId: z.string(),
        regime: z.string(),
        clock: z.string(),
        dueAt: TimestampOut,
      }),
    ),
    directoryHealth: z.object({ stale: z.number().check(z.int()), pending: z.number().check(z.int()) }),
    metrics: z.object({
      incidents: meta(z.number().check(z.int()), { description: 'Incidents opened in the period' }),
      mttaMinutes: meta(Minutes, { description: 'Median minutes from opening to the first communication' }),
      timeToContainmentMinutes: meta(Minutes, {
        description: 'Median minutes from opening to the first completed action',
      }),
      timeToClosureMinutes: meta(Minutes, { description: 'Median minutes from opening to closure' }),
    }),
    truncated: meta(z.boolean(), {
      description:
        'More than 25 incidents open or opened in the period: lists and metrics cover the 25 most recent',
    }),
  }),
  { id: 'Dashboard' },
);
export type Dashboard = z.infer<typeof Dashboard>;
