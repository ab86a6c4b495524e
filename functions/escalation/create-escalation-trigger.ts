import { defaultDeps } from '../../shared/deps.js';
import { createTrigger } from '../../shared/domain/escalation/triggers.js';
import { created, httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler('createEscalationTrigger', async ({ body, caller }) =>
  created(await createTrigger(defaultDeps(), caller, body)),
);
