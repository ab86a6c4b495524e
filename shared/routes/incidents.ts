/** Routes whose handlers live in `functions/incidents/`: one exported entry per operation (see ./index.ts). */
import * as cmd from '../schemas/command.js';
import * as common from '../schemas/common.js';
import * as esc from '../schemas/escalation.js';
import * as inc from '../schemas/incidents.js';
import {
  COORDINATORS,
  READERS,
  READERS_AND_PARTNERS,
  RESPONDERS,
  RESPONDERS_AND_PARTNERS,
  type Route,
} from './types.js';

// ---- incidents ----
export const createIncident = {
  id: 'createIncident',
  method: 'POST',
  path: '/incidents',
  handler: 'incidents/create-incident',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Open an incident',
  tag: 'incidents',
  body: inc.CreateIncidentBody,
  response: { status: 201, schema: inc.Incident },
} as const satisfies Route;

export const listIncidents = {
  id: 'listIncidents',
  method: 'GET',
  path: '/incidents',
  handler: 'incidents/list-incidents',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  summary: 'List incidents, newest first (paginated; filter by status, priority, thirdParty)',
  tag: 'incidents',
  query: inc.ListIncidentsQuery,
  response: { status: 200, schema: common.pageOf(inc.IncidentSummary) },
} as const satisfies Route;

export const getIncident = {
  id: 'getIncident',
  method: 'GET',
  path: '/incidents/{incidentId}',
  handler: 'incidents/get-incident',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  summary: 'Read an incident with its actions, communications, escalations, lessons and timeline',
  tag: 'incidents',
  response: { status: 200, schema: inc.IncidentDetail },
} as const satisfies Route;

export const getIncidentTimeline = {
  id: 'getIncidentTimeline',
  method: 'GET',
  path: '/incidents/{incidentId}/timeline',
  handler: 'incidents/get-incident-timeline',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  summary: 'Read an incident’s timeline, oldest first (paginated)',
  tag: 'incidents',
  query: inc.TimelineQuery,
  response: { status: 200, schema: common.pageOf(inc.TimelineEntry) },
} as const satisfies Route;

export const getIncidentReport = {
  id: 'getIncidentReport',
  method: 'GET',
  path: '/incidents/{incidentId}/report',
  handler: 'incidents/get-incident-report',
  roles: READERS,
  table: 'RO',
  summary: 'Incident report: metrics, duration, timeline, lessons and recommendations',
  tag: 'incidents',
  response: { status: 200, schema: inc.IncidentReport },
} as const satisfies Route;

export const assessImpact = {
  id: 'assessImpact',
  method: 'PUT',
  path: '/incidents/{incidentId}/impact-assessment',
  handler: 'incidents/assess-impact',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Record the impact assessment; the priority is re-derived from it',
  tag: 'incidents',
  body: inc.ImpactAssessmentBody,
  response: { status: 200, schema: inc.Incident },
} as const satisfies Route;

export const createAction = {
  id: 'createAction',
  method: 'POST',
  path: '/incidents/{incidentId}/actions',
  handler: 'incidents/create-action',
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Add a response action (ACTION-n)',
  tag: 'incidents',
  body: inc.CreateActionBody,
  response: { status: 201, schema: inc.Action },
} as const satisfies Route;

export const updateAction = {
  id: 'updateAction',
  method: 'PATCH',
  path: '/incidents/{incidentId}/actions/{actionId}',
  handler: 'incidents/update-action',
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Change a response action’s status',
  tag: 'incidents',
  body: inc.UpdateActionBody,
  response: { status: 200, schema: inc.Action },
} as const satisfies Route;

export const createCommunication = {
  id: 'createCommunication',
  method: 'POST',
  path: '/incidents/{incidentId}/communications',
  handler: 'incidents/create-communication',
  roles: RESPONDERS_AND_PARTNERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Record a communication (COMM-n)',
  tag: 'incidents',
  body: inc.CreateCommunicationBody,
  response: { status: 201, schema: inc.Communication },
} as const satisfies Route;

export const createEscalation = {
  id: 'createEscalation',
  method: 'POST',
  path: '/incidents/{incidentId}/escalations',
  handler: 'incidents/create-escalation',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Escalate (ESC-n); a critical escalation makes the incident critical',
  tag: 'incidents',
  body: inc.CreateEscalationBody,
  response: { status: 201, schema: inc.Escalation },
} as const satisfies Route;

export const createLesson = {
  id: 'createLesson',
  method: 'POST',
  path: '/incidents/{incidentId}/lessons-learned',
  handler: 'incidents/create-lesson',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Record a lesson learned (allowed on closed incidents)',
  tag: 'incidents',
  body: inc.CreateLessonBody,
  response: { status: 201, schema: inc.Lesson },
} as const satisfies Route;

export const closeIncident = {
  id: 'closeIncident',
  method: 'POST',
  path: '/incidents/{incidentId}/close',
  handler: 'incidents/close-incident',
  // The service decides among these: commander, coordinator, admin (shared/domain/command/rules.ts).
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Close an incident (409 while actions are pending or in progress)',
  tag: 'incidents',
  body: inc.CloseIncidentBody,
  response: { status: 200, schema: inc.Incident },
} as const satisfies Route;

export const reopenIncident = {
  id: 'reopenIncident',
  method: 'POST',
  path: '/incidents/{incidentId}/reopen',
  handler: 'incidents/reopen-incident',
  // The service decides among these: commander, coordinator, admin (shared/domain/command/rules.ts).
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Reopen a closed incident',
  tag: 'incidents',
  body: inc.ReopenIncidentBody,
  response: { status: 200, schema: inc.Incident },
} as const satisfies Route;

// ---- incident command (issue 5: roles, handovers, decision authority, TLP) ----
export const assignIncidentRole = {
  id: 'assignIncidentRole',
  method: 'POST',
  path: '/incidents/{incidentId}/roles',
  handler: 'incidents/assign-role',
  // The service decides among these: commander, coordinator, admin (shared/domain/command/rules.ts).
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Assign or hand over an incident command role (changing the commander: commander or admin)',
  tag: 'incidents',
  body: cmd.AssignRoleBody,
  response: { status: 200, schema: cmd.RoleAssignment },
} as const satisfies Route;

export const changeIncidentTlp = {
  id: 'changeIncidentTlp',
  method: 'PUT',
  path: '/incidents/{incidentId}/tlp',
  handler: 'incidents/change-tlp',
  // The service decides among these: commander, coordinator, admin (shared/domain/command/rules.ts).
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Change the incident’s TLP (raise: coordinators; lower: the incident commander or an admin)',
  tag: 'incidents',
  body: cmd.ChangeTlpBody,
  response: { status: 200, schema: inc.Incident },
} as const satisfies Route;

export const startEscalationChain = {
  id: 'startEscalationChain',
  method: 'POST',
  path: '/incidents/{incidentId}/escalation-chain',
  handler: 'incidents/start-escalation-chain',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: "Start an escalation chain on a policy or a channel's rules: level 1 now, the next on schedule",
  tag: 'escalation',
  body: esc.StartEscalationChainBody,
  response: { status: 201, schema: esc.EscalationChain },
} as const satisfies Route;

export const acknowledgeIncident = {
  id: 'acknowledgeIncident',
  method: 'POST',
  path: '/incidents/{incidentId}/acknowledge',
  handler: 'incidents/acknowledge-incident',
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Acknowledge an incident: stops its active escalation chains and deletes their schedules',
  tag: 'escalation',
  body: esc.AcknowledgeIncidentBody,
  response: { status: 200, schema: esc.Acknowledgement },
} as const satisfies Route;
