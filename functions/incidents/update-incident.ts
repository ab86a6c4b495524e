import { defaultDeps } from '../../shared/deps.js';
import { updateIncident } from '../../shared/domain/incidents/edit.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('updateIncident', async ({ params, body, caller }) =>
  ok(await updateIncident(defaultDeps(), caller, params.incidentId, body)),
);
