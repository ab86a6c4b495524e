/** Incident report and recommendations (pure). */
import type {
  Action,
  Escalation,
  IncidentDetail,
  IncidentReport,
  Recommendation,
} from '../../schemas/incidents.js';
import type { Obligation, ReportObligation } from '../../schemas/obligations.js';
import { isoDuration } from '../time.js';
import { isOpenAction } from './rules.js';

const DAY = 86_400;

export function responseMetrics(actions: readonly Pick<Action, 'status'>[]) {
  const totalActions = actions.length;
  const completedActions = actions.filter((a) => a.status === 'completed').length;
  // Pending: not started. Open: not completed or cancelled (pending, in progress).
  const pendingActions = actions.filter((a) => a.status === 'pending').length;
  const openActions = actions.filter((a) => isOpenAction(a.status)).length;
  const completionRate =
    totalActions === 0 ? 0 : Math.round((completedActions / totalActions) * 10_000) / 100;
  return { totalActions, completedActions, pendingActions, openActions, completionRate };
}

export function durationSeconds(
  incident: { discoveryDate: string; closureDate?: string | undefined },
  now: Date,
) {
  const end = incident.closureDate ? Date.parse(incident.closureDate) : now.getTime();
  return Math.max(0, Math.floor((end - Date.parse(incident.discoveryDate)) / 1000));
}

export function recommendations(input: {
  status: string;
  durationSeconds: number;
  escalations: readonly Pick<Escalation, 'escalationId'>[];
  /** Not completed or cancelled (pending, in progress). */
  openActions: number;
  affectedThirdParties: readonly string[];
  obligations?: readonly ReportObligation[];
}): Recommendation[] {
  const out: Recommendation[] = [];
  for (const o of input.obligations ?? []) {
    for (const c of o.clocks) {
      if (c.status === 'overdue') {
        out.push({
          type: 'regulatory_compliance',
          priority: 'high',
          description: `${o.name}: ${c.name} to ${c.recipient} is overdue by ${c.lateness?.iso8601 ?? 'PT0S'} (due ${c.due}); submit it now and record the reasons for the delay`,
        });
      } else if (c.status === 'submitted' && c.lateness) {
        out.push({
          type: 'regulatory_compliance',
          priority: 'medium',
          description: `${o.name}: ${c.name} was submitted ${c.lateness.iso8601} late; review the notification process`,
        });
      }
    }
  }
  if (input.status === 'closed' && input.durationSeconds > 7 * DAY) {
    out.push({
      type: 'response_time',
      priority: 'high',
      description: 'Review response time: the incident took more than 7 days to close',
    });
  }
  if (input.escalations.length > 2) {
    out.push({
      type: 'escalation_management',
      priority: 'medium',
      description: `Review escalation procedures: ${input.escalations.length} escalations`,
    });
  }
  if (input.openActions > 0) {
    out.push({
      type: 'action_management',
      priority: 'high',
      description: `Complete ${input.openActions} open action${input.openActions === 1 ? '' : 's'}`,
    });
  }
  if (input.affectedThirdParties.length > 3) {
    out.push({
      type: 'third_party_management',
      priority: 'medium',
      description: 'Review third party management - multiple affected',
    });
  }
  return out;
}

/** Obligations as the report shows them: status, deadlines and lateness of each applicable clock. */
export function reportObligations(obligations: readonly Obligation[]): ReportObligation[] {
  return obligations.map((o) => ({
    obligationId: o.obligationId,
    name: o.name,
    status: o.status,
    clocks: o.clocks
      .filter((c) => c.status !== 'not_applicable')
      .map((c) => ({
        clockId: c.clockId,
        name: c.name,
        recipient: c.recipient,
        status: c.status,
        due: c.due,
        ...(c.submittedAt ? { submittedAt: c.submittedAt } : {}),
        ...(c.lateness ? { lateness: c.lateness } : {}),
        missingItems: c.missingItems,
      })),
  }));
}

/** The report from the aggregate (pure); `participantsByDimension` needs reads and is added by `getReport`. */
export function buildReport(
  detail: IncidentDetail,
  now: Date,
): Omit<IncidentReport, 'participantsByDimension' | 'slaMeasurements' | 'agreementUpdates'> {
  const metrics = responseMetrics(detail.actions);
  const obligations = reportObligations(detail.obligations);
  const seconds = durationSeconds(detail, now);
  return {
    incidentId: detail.id,
    title: detail.title,
    status: detail.status,
    severity: detail.severity,
    priority: detail.priority,
    category: detail.category,
    affectedThirdParties: detail.affectedThirdParties,
    discoveryDate: detail.discoveryDate,
    ...(detail.closureDate ? { closureDate: detail.closureDate } : {}),
    ...(detail.impactAssessment ? { impactAssessment: detail.impactAssessment } : {}),
    responseMetrics: metrics,
    communicationMetrics: {
      totalCommunications: detail.communications.length,
      escalations: detail.escalations.length,
    },
    duration: { iso8601: isoDuration(seconds), seconds },
    timeline: detail.timeline,
    lessonsLearned: detail.lessonsLearned,
    obligations,
    activations: detail.activations,
    recommendations: recommendations({
      status: detail.status,
      durationSeconds: seconds,
      escalations: detail.escalations,
      openActions: metrics.openActions,
      affectedThirdParties: detail.affectedThirdParties,
      obligations,
    }),
    generatedAt: now.toISOString(),
  };
}
