import { defaultDeps } from '../../shared/deps.js';
import { updateTrigger } from '../../shared/domain/escalation/triggers.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/escalation.js';

export const handler = httpHandler(routes.updateEscalationTrigger, async ({ params, body, caller }) =>
  ok(await updateTrigger(defaultDeps(), caller, params.triggerId, body)),
);
