import { defaultDeps } from '../../shared/deps.js';
import { listIncidents } from '../../shared/domain/incidents/reads.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listIncidents', async ({ query, caller }) =>
  ok(await listIncidents(defaultDeps(), query, caller)),
);
