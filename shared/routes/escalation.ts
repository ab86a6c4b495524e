/** Routes whose handlers live in `functions/escalation/`: one exported entry per operation (see ./index.ts). */
import * as common from '../schemas/common.js';
import * as esc from '../schemas/escalation.js';
import * as ver from '../schemas/verification.js';
import { COORDINATORS, READERS, type Route } from './types.js';

// ---- escalation acknowledgement links (docs/escalation.md) ----
export const acknowledgeByLink = {
  id: 'acknowledgeByLink',
  method: 'POST',
  path: '/acknowledge/{token}',
  handler: 'escalation/acknowledge-by-link',
  // No login: the single-use token of the contact's escalation notice is the credential.
  roles: 'public',
  table: 'RW',
  uses: ['scheduler'],
  // Its token, the per-IP failure counter, the incident's partition (incident, chains, timeline;
  // Query of that partition for the chains), the incident's link items under its organizations,
  // and its idempotency record.
  tableItems: ['ACKTOKEN#', 'VERIFYLIMIT#', 'INC#', 'ORG#', 'IDEM#'],
  tableQuery: true,
  html: 'negotiate',
  summary: 'Acknowledge an incident with the single-use link of an escalation notice',
  tag: 'escalation',
  body: esc.AcknowledgeByLinkBody,
  response: { status: 200, schema: esc.LinkAcknowledgement },
} as const satisfies Route;

export const getAcknowledgePage = {
  id: 'getAcknowledgePage',
  method: 'GET',
  path: '/acknowledge/{token}',
  handler: 'escalation/get-acknowledge-page',
  roles: 'public',
  table: 'RO',
  tableItems: ['ACKTOKEN#', 'VERIFYLIMIT#'],
  html: 'page',
  summary: 'The acknowledgement page of an escalation link (HTML; does not use the token)',
  tag: 'escalation',
  response: { status: 200, schema: ver.HtmlPage },
} as const satisfies Route;

// ---- escalation: policies, chains, acknowledgement, triggers (docs/escalation.md) ----
export const createEscalationPolicy = {
  id: 'createEscalationPolicy',
  method: 'POST',
  path: '/escalation-policies',
  handler: 'escalation/create-escalation-policy',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Create an escalation policy (levels of recipients, a timeframe each; optional auto-start)',
  tag: 'escalation',
  body: esc.CreateEscalationPolicyBody,
  response: { status: 201, schema: esc.EscalationPolicy },
} as const satisfies Route;

export const listEscalationPolicies = {
  id: 'listEscalationPolicies',
  method: 'GET',
  path: '/escalation-policies',
  handler: 'escalation/list-escalation-policies',
  roles: READERS,
  table: 'RO',
  summary: 'List escalation policies (by name, paginated)',
  tag: 'escalation',
  query: esc.ListEscalationPoliciesQuery,
  response: { status: 200, schema: common.pageOf(esc.EscalationPolicy) },
} as const satisfies Route;

export const getEscalationPolicy = {
  id: 'getEscalationPolicy',
  method: 'GET',
  path: '/escalation-policies/{policyId}',
  handler: 'escalation/get-escalation-policy',
  roles: READERS,
  table: 'RO',
  summary: 'Read an escalation policy',
  tag: 'escalation',
  response: { status: 200, schema: esc.EscalationPolicy },
} as const satisfies Route;

export const updateEscalationPolicy = {
  id: 'updateEscalationPolicy',
  method: 'PATCH',
  path: '/escalation-policies/{policyId}',
  handler: 'escalation/update-escalation-policy',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Change an escalation policy (running chains keep the levels they started with)',
  tag: 'escalation',
  body: esc.UpdateEscalationPolicyBody,
  response: { status: 200, schema: esc.EscalationPolicy },
} as const satisfies Route;

export const createEscalationTrigger = {
  id: 'createEscalationTrigger',
  method: 'POST',
  path: '/escalation-triggers',
  handler: 'escalation/create-escalation-trigger',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Create an escalation trigger (when → notify, optional template and chain)',
  tag: 'escalation',
  body: esc.CreateEscalationTriggerBody,
  response: { status: 201, schema: esc.EscalationTrigger },
} as const satisfies Route;

export const listEscalationTriggers = {
  id: 'listEscalationTriggers',
  method: 'GET',
  path: '/escalation-triggers',
  handler: 'escalation/list-escalation-triggers',
  roles: COORDINATORS,
  table: 'RO',
  summary: 'List escalation triggers (by name, paginated)',
  tag: 'escalation',
  query: esc.ListEscalationTriggersQuery,
  response: { status: 200, schema: common.pageOf(esc.EscalationTrigger) },
} as const satisfies Route;

export const getEscalationTrigger = {
  id: 'getEscalationTrigger',
  method: 'GET',
  path: '/escalation-triggers/{triggerId}',
  handler: 'escalation/get-escalation-trigger',
  roles: COORDINATORS,
  table: 'RO',
  summary: 'Read an escalation trigger',
  tag: 'escalation',
  response: { status: 200, schema: esc.EscalationTrigger },
} as const satisfies Route;

export const updateEscalationTrigger = {
  id: 'updateEscalationTrigger',
  method: 'PATCH',
  path: '/escalation-triggers/{triggerId}',
  handler: 'escalation/update-escalation-trigger',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Change, enable or disable an escalation trigger',
  tag: 'escalation',
  body: esc.UpdateEscalationTriggerBody,
  response: { status: 200, schema: esc.EscalationTrigger },
} as const satisfies Route;
