import { defaultDeps } from '../../shared/deps.js';
import { getPolicy } from '../../shared/domain/escalation/policies.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getEscalationPolicy', async ({ params }) =>
  ok(await getPolicy(defaultDeps(), params.policyId)),
);
