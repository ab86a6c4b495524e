import { defaultDeps } from '../../shared/deps.js';
import { getTrigger } from '../../shared/domain/escalation/triggers.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/escalation.js';

export const handler = httpHandler(routes.getEscalationTrigger, async ({ params }) =>
  ok(await getTrigger(defaultDeps(), params.triggerId)),
);
