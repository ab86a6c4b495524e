import { defaultDeps } from '../../shared/deps.js';
import { getPolicy } from '../../shared/domain/escalation/policies.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/escalation.js';

export const handler = httpHandler(routes.getEscalationPolicy, async ({ params }) =>
  ok(await getPolicy(defaultDeps(), params.policyId)),
);
