/** Routes whose handlers live in `functions/coordination/`: one exported entry per operation (see ./index.ts). */
import * as common from '../schemas/common.js';
import * as coord from '../schemas/coordination.js';
import { COORDINATORS, READERS, READERS_AND_PARTNERS, RESPONDERS_AND_PARTNERS, type Route } from './types.js';

// ---- coordination channels ----
export const createChannel = {
  id: 'createChannel',
  method: 'POST',
  path: '/channels',
  handler: 'coordination/create-channel',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Set up a coordination channel: participants, methods, escalation rules',
  tag: 'coordination',
  body: coord.CreateChannelBody,
  response: { status: 201, schema: coord.Channel },
} as const satisfies Route;

export const listChannels = {
  id: 'listChannels',
  method: 'GET',
  path: '/channels',
  handler: 'coordination/list-channels',
  roles: READERS,
  table: 'RO',
  summary: 'List coordination channels (paginated, by name)',
  tag: 'coordination',
  query: coord.ListChannelsQuery,
  response: { status: 200, schema: common.pageOf(coord.Channel) },
} as const satisfies Route;

export const getChannel = {
  id: 'getChannel',
  method: 'GET',
  path: '/channels/{channelId}',
  handler: 'coordination/get-channel',
  roles: READERS,
  table: 'RO',
  summary: 'Read a coordination channel',
  tag: 'coordination',
  response: { status: 200, schema: coord.Channel },
} as const satisfies Route;

export const updateChannel = {
  id: 'updateChannel',
  method: 'PATCH',
  path: '/channels/{channelId}',
  handler: 'coordination/update-channel',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Change a coordination channel',
  tag: 'coordination',
  body: coord.UpdateChannelBody,
  response: { status: 200, schema: coord.Channel },
} as const satisfies Route;

// ---- shared playbooks ----
export const createPlaybook = {
  id: 'createPlaybook',
  method: 'POST',
  path: '/playbooks',
  handler: 'coordination/create-playbook',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Create a shared playbook (version 1): participants, roles, response actions with timeframes',
  tag: 'coordination',
  body: coord.CreatePlaybookBody,
  response: { status: 201, schema: coord.Playbook },
} as const satisfies Route;

export const listPlaybooks = {
  id: 'listPlaybooks',
  method: 'GET',
  path: '/playbooks',
  handler: 'coordination/list-playbooks',
  roles: READERS,
  table: 'RO',
  summary: 'List shared playbooks (paginated, by name)',
  tag: 'coordination',
  query: coord.ListPlaybooksQuery,
  response: { status: 200, schema: common.pageOf(coord.Playbook) },
} as const satisfies Route;

export const getPlaybook = {
  id: 'getPlaybook',
  method: 'GET',
  path: '/playbooks/{playbookId}',
  handler: 'coordination/get-playbook',
  roles: READERS,
  table: 'RO',
  summary: 'Read a shared playbook’s latest version',
  tag: 'coordination',
  response: { status: 200, schema: coord.Playbook },
} as const satisfies Route;

export const updatePlaybook = {
  id: 'updatePlaybook',
  method: 'PATCH',
  path: '/playbooks/{playbookId}',
  handler: 'coordination/update-playbook',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Edit a shared playbook: writes a new version',
  tag: 'coordination',
  body: coord.UpdatePlaybookBody,
  response: { status: 200, schema: coord.Playbook },
} as const satisfies Route;

// ---- playbook activations and coordinated actions ----
export const activatePlaybook = {
  id: 'activatePlaybook',
  method: 'POST',
  path: '/playbooks/{playbookId}/activations',
  handler: 'coordination/activate-playbook',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Activate a playbook for an incident: its response actions become coordinated actions',
  tag: 'coordination',
  body: coord.CreateActivationBody,
  response: { status: 201, schema: coord.Activation },
} as const satisfies Route;

export const createCoordinatedAction = {
  id: 'createCoordinatedAction',
  method: 'POST',
  path: '/activations/{activationId}/actions',
  handler: 'coordination/create-coordinated-action',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Add a coordinated action (COORD-n) to an activation',
  tag: 'coordination',
  body: coord.CreateCoordinatedActionBody,
  response: { status: 201, schema: coord.CoordinatedAction },
} as const satisfies Route;

export const updateCoordinatedAction = {
  id: 'updateCoordinatedAction',
  method: 'PATCH',
  path: '/activations/{activationId}/actions/{actionId}',
  handler: 'coordination/update-coordinated-action',
  roles: RESPONDERS_AND_PARTNERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Change a coordinated action’s status (declined needs a reason)',
  tag: 'coordination',
  body: coord.UpdateCoordinatedActionBody,
  response: { status: 200, schema: coord.CoordinatedAction },
} as const satisfies Route;

export const createActivationEscalation = {
  id: 'createActivationEscalation',
  method: 'POST',
  path: '/activations/{activationId}/escalations',
  handler: 'coordination/create-activation-escalation',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Escalate an activation (ESC-n, numbered in the series of its incident’s escalations)',
  tag: 'coordination',
  body: coord.CreateActivationEscalationBody,
  response: { status: 201, schema: coord.ActivationEscalation },
} as const satisfies Route;

export const completeActivation = {
  id: 'completeActivation',
  method: 'POST',
  path: '/activations/{activationId}/complete',
  handler: 'coordination/complete-activation',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Complete an activation (409 while coordinated actions are open)',
  tag: 'coordination',
  body: coord.CompleteActivationBody,
  response: { status: 200, schema: coord.Activation },
} as const satisfies Route;

export const getActivationReport = {
  id: 'getActivationReport',
  method: 'GET',
  path: '/activations/{activationId}/report',
  handler: 'coordination/get-activation-report',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  summary: 'Coordination metrics, escalations, actions and recommendations of an activation',
  tag: 'coordination',
  response: { status: 200, schema: coord.ActivationReport },
} as const satisfies Route;
