import { defaultDeps } from '../../shared/deps.js';
import { listIncidents } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.listIncidents, async ({ query, caller }) =>
  ok(await listIncidents(defaultDeps(), query, caller)),
);
