import { defaultDeps } from '../../shared/deps.js';
import { listTriggers } from '../../shared/domain/escalation/triggers.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/escalation/list-escalation-triggers.js';

export const handler = httpHandler(route, async ({ query }) => ok(await listTriggers(defaultDeps(), query)));
