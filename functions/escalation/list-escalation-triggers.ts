import { defaultDeps } from '../../shared/deps.js';
import { listTriggers } from '../../shared/domain/escalation/triggers.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/escalation.js';

export const handler = httpHandler(routes.listEscalationTriggers, async ({ query }) =>
  ok(await listTriggers(defaultDeps(), query)),
);
