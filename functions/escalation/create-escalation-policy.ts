import { defaultDeps } from '../../shared/deps.js';
import { createPolicy } from '../../shared/domain/escalation/policies.js';
import { created, httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler('createEscalationPolicy', async ({ body, caller }) =>
  created(await createPolicy(defaultDeps(), caller, body)),
);
