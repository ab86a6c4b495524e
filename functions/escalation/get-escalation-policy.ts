import { defaultDeps } from '../../shared/deps.js';
import { getPolicy } from '../../shared/domain/escalation/policies.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/escalation/get-escalation-policy.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getPolicy(defaultDeps(), params.policyId)),
);
