import { defaultDeps } from '../../shared/deps.js';
import { updateTrigger } from '../../shared/domain/escalation/triggers.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/escalation/update-escalation-trigger.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await updateTrigger(defaultDeps(), caller, params.triggerId, body)),
);
