/**
 * Schemas of the reads and checks the web console needs (issue 13): the communication preview,
 * the incident edit and the dashboard.
 */
import { z } from 'zod';
import { Id, Severity, Text, TimestampOut, Tlp } from './common.js';

// ---------- POST /incidents/{incidentId}/communications/preview ----------

export const RecipientPreview = z
  .object({
    contactId: z.string(),
    organizationId: z.string(),
    via: z.enum(['contact', 'organization', 'group']).meta({ description: 'How the request named it' }),
    field: z.string().meta({ description: 'The request field that named it (body.recipients.…)' }),
    allowed: z.boolean(),
    code: z
      .enum([
        'TEMPLATE_TLP_CAP',
        'RED_NAMED_CONTACTS_ONLY',
        'AMBER_STRICT_NAMED_ORGANIZATIONS_ONLY',
        'ABOVE_AGREEMENT_CEILING',
      ])
      .optional()
      .meta({ description: 'Why it is refused (absent when allowed)' }),
    reason: z.string().optional().meta({ description: 'Why it is refused, in words' }),
  })
  .meta({ id: 'RecipientPreview' });
export type RecipientPreview = z.infer<typeof RecipientPreview>;

export const CommunicationPreview = z
  .object({
    tlp: Tlp,
    tlpLoweredFrom: Tlp.optional().meta({ description: "The incident's level, when the message lowers it" }),
    subject: z.string(),
    content: z.string(),
    template: z.object({ templateId: z.string(), version: z.number().int() }).optional(),
    recipients: z.array(RecipientPreview),
    allowed: z
      .boolean()
      .meta({ description: 'True when createCommunication would send it to every recipient' }),
  })
  .meta({ id: 'CommunicationPreview' });
export type CommunicationPreview = z.infer<typeof CommunicationPreview>;

// ---------- PATCH /incidents/{incidentId} ----------

export const UpdateIncidentBody = z
  .strictObject({
    title: Text(300).optional(),
    description: Text(10_000).optional(),
    severity: Severity.optional(),
    category: Text(100).optional(),
    addThirdParties: z.array(Id).max(40).optional().meta({
      description:
        'Third parties now affected (each counted once on the third party, in the same transaction)',
    }),
    removeThirdParties: z.array(Id).max(40).optional().meta({
      description: 'Third parties no longer affected (their incident count is decremented)',
    }),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'at least one field must be given',
  })
  .meta({ id: 'UpdateIncident' });
export type UpdateIncidentBody = z.infer<typeof UpdateIncidentBody>;

// ---------- GET /dashboard ----------

export const DashboardQuery = z.strictObject({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Start of the metrics period (default: 30 days before `to`)' }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'End of the metrics period (default: now)' }),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Minutes = z.number().nullable().meta({ description: 'Median minutes; null without any sample' });

export const Dashboard = z
  .object({
    generatedAt: TimestampOut,
    period: z.object({ from: TimestampOut, to: TimestampOut }),
    openByPriority: z.object({
      critical: z.number().int(),
      high: z.number().int(),
      medium: z.number().int(),
      low: z.number().int(),
    }),
    openByStatus: z.record(z.string(), z.number().int()),
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
    directoryHealth: z.object({ stale: z.number().int(), pending: z.number().int() }),
    metrics: z.object({
      incidents: z.number().int().meta({ description: 'Incidents opened in the period' }),
      mttaMinutes: Minutes.meta({ description: 'Median minutes from opening to the first communication' }),
      timeToContainmentMinutes: Minutes.meta({
        description: 'Median minutes from opening to the first completed action',
      }),
      timeToClosureMinutes: Minutes.meta({ description: 'Median minutes from opening to closure' }),
    }),
    truncated: z.boolean().meta({
      description:
        'More than 25 incidents open or opened in the period: lists and metrics cover the 25 most recent',
    }),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof Dashboard>;
