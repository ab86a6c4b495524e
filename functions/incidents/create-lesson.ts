import { defaultDeps } from '../../shared/deps.js';
import { createLesson } from '../../shared/domain/incidents/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/create-lesson.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await createLesson(defaultDeps(), caller, params.incidentId, body)),
);
