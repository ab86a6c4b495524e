import { defaultDeps } from '../../shared/deps.js';
import { createPolicy } from '../../shared/domain/escalation/policies.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/escalation.js';

export const handler = httpHandler(routes.createEscalationPolicy, async ({ body, caller }) =>
  created(await createPolicy(defaultDeps(), caller, body)),
);
