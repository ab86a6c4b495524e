import { defaultDeps } from '../../shared/deps.js';
import { listPolicies } from '../../shared/domain/escalation/policies.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listEscalationPolicies', async ({ query }) =>
  ok(await listPolicies(defaultDeps(), query)),
);
