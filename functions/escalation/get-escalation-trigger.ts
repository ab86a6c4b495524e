import { defaultDeps } from '../../shared/deps.js';
import { getTrigger } from '../../shared/domain/escalation/triggers.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/escalation/get-escalation-trigger.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getTrigger(defaultDeps(), params.triggerId)),
);
