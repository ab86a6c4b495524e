import { defaultDeps } from '../../shared/deps.js';
import { createPolicy } from '../../shared/domain/escalation/policies.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/escalation/create-escalation-policy.js';

export const handler = httpHandler(route, async ({ body, caller }) =>
  created(await createPolicy(defaultDeps(), caller, body)),
);
