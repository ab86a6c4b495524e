/** Schemas of the web console's API additions (issue 13): incident edit and the dashboard read. */
import { z } from 'zod';
import { Id, Priority, Severity, Text, Timestamp, TimestampOut } from './common.js';

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

export const DashboardQuery = z.strictObject({
  from: Timestamp.optional().meta({
    description: 'Start of the metrics period (default: 30 days before `to`)',
  }),
  to: Timestamp.optional().meta({ description: 'End of the metrics period (default: now)' }),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const PriorityCounts = z.object({
  critical: z.number(),
  high: z.number(),
  medium: z.number(),
  low: z.number(),
});

export const DashboardIncident = z
  .object({
    id: z.string(),
    title: z.string(),
    severity: Severity,
    priority: Priority,
    status: z.string(),
    discoveryDate: TimestampOut,
    updatedAt: TimestampOut,
  })
  .meta({ id: 'DashboardIncident' });

export const Dashboard = z
  .object({
    generatedAt: TimestampOut,
    openByPriority: PriorityCounts,
    openByStatus: z.record(z.string(), z.number()),
    openIncidents: z.array(DashboardIncident),
    overdueActions: z.array(
      z.object({
        incidentId: z.string(),
        actionId: z.string().meta({ description: '`ACTION-n` or `<activationId>/COORD-n`' }),
        kind: z.enum(['action', 'coordinated']),
        description: z.string(),
        dueDate: TimestampOut.optional(),
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
    directoryHealth: z.object({ stale: z.number(), pending: z.number() }),
    metrics: z.object({
      from: TimestampOut,
      to: TimestampOut,
      incidents: z.number().meta({ description: 'Incidents discovered in the period' }),
      mttaMinutes: z.number().nullable().meta({ description: 'Mean time to first communication' }),
      timeToContainmentMinutes: z
        .number()
        .nullable()
        .meta({ description: 'Mean time to first completed action' }),
      timeToClosureMinutes: z.number().nullable(),
    }),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof Dashboard>;
