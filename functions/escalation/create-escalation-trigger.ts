import { defaultDeps } from '../../shared/deps.js';
import { createTrigger } from '../../shared/domain/escalation/triggers.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/escalation.js';

export const handler = httpHandler(routes.createEscalationTrigger, async ({ body, caller }) =>
  created(await createTrigger(defaultDeps(), caller, body)),
);
