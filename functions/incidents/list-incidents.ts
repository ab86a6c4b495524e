import { defaultDeps } from '../../shared/deps.js';
import { listIncidents } from '../../shared/domain/incidents/reads.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/list-incidents.js';

export const handler = httpHandler(route, async ({ query, caller }) =>
  ok(await listIncidents(defaultDeps(), query, caller)),
);
