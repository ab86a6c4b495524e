import { defaultDeps } from '../../shared/deps.js';
import { previewCommunication } from '../../shared/domain/incidents/preview.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/preview-communication.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await previewCommunication(defaultDeps(), caller, params.incidentId, body)),
);
