import { defaultDeps } from '../../shared/deps.js';
import { createLesson } from '../../shared/domain/incidents/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.createLesson, async ({ params, body, caller }) =>
  created(await createLesson(defaultDeps(), caller, params.incidentId, body)),
);
