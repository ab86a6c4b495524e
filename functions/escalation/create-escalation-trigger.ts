import { defaultDeps } from '../../shared/deps.js';
import { createTrigger } from '../../shared/domain/escalation/triggers.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/escalation/create-escalation-trigger.js';

export const handler = httpHandler(route, async ({ body, caller }) =>
  created(await createTrigger(defaultDeps(), caller, body)),
);
