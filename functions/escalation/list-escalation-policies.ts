import { defaultDeps } from '../../shared/deps.js';
import { listPolicies } from '../../shared/domain/escalation/policies.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/escalation.js';

export const handler = httpHandler(routes.listEscalationPolicies, async ({ query }) =>
  ok(await listPolicies(defaultDeps(), query)),
);
