import { defaultDeps } from '../../shared/deps.js';
import { updatePolicy } from '../../shared/domain/escalation/policies.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/escalation/update-escalation-policy.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await updatePolicy(defaultDeps(), caller, params.policyId, body)),
);
