import { defaultDeps } from '../../shared/deps.js';
import { listPolicies } from '../../shared/domain/escalation/policies.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/escalation/list-escalation-policies.js';

export const handler = httpHandler(route, async ({ query }) => ok(await listPolicies(defaultDeps(), query)));
