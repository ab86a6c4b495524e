import { defaultDeps } from '../../shared/deps.js';
import { updatePolicy } from '../../shared/domain/escalation/policies.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/escalation.js';

export const handler = httpHandler(routes.updateEscalationPolicy, async ({ params, body, caller }) =>
  ok(await updatePolicy(defaultDeps(), caller, params.policyId, body)),
);
