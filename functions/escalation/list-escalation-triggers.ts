import { defaultDeps } from '../../shared/deps.js';
import { listTriggers } from '../../shared/domain/escalation/triggers.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listEscalationTriggers', async ({ query }) =>
  ok(await listTriggers(defaultDeps(), query)),
);
