/** Incident report and recommendations (pure). */
import type {
  Action,
  Escalation,
  IncidentDetail,
  IncidentReport,
  Recommendation,
} from '../../schemas/incidents.js';
import { isoDuration } from '../time.js';
import { isOpenAction } from './rules.js';

const DAY = 86_400;

export function responseMetrics(actions: readonly Pick<Action, 'status'>[]) {
  const totalActions = actions.length;
  const completedActions = actions.filter((a) => a.status === 'completed').length;
  const pendingActions = actions.filter((a) => isOpenAction(a.status)).length;
  const completionRate =
    totalActions === 0 ? 0 : Math.round((completedActions / totalActions) * 10_000) / 100;
  return { totalActions, completedActions, pendingActions, completionRate };
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
  pendingActions: number;
  affectedThirdParties: readonly string[];
}): Recommendation[] {
  const out: Recommendation[] = [];
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
  if (input.pendingActions > 0) {
    out.push({
      type: 'action_management',
      priority: 'high',
      description: `Complete ${input.pendingActions} pending actions`,
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

export function buildReport(detail: IncidentDetail, now: Date): IncidentReport {
  const metrics = responseMetrics(detail.actions);
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
    recommendations: recommendations({
      status: detail.status,
      durationSeconds: seconds,
      escalations: detail.escalations,
      pendingActions: metrics.pendingActions,
      affectedThirdParties: detail.affectedThirdParties,
    }),
    generatedAt: now.toISOString(),
  };
}
