import { defaultDeps } from '../../shared/deps.js';
import { getTrigger } from '../../shared/domain/escalation/triggers.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getEscalationTrigger', async ({ params }) =>
  ok(await getTrigger(defaultDeps(), params.triggerId)),
);
