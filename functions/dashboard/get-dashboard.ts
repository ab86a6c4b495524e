import { defaultDeps } from '../../shared/deps.js';
import { getDashboard } from '../../shared/domain/dashboard/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/dashboard/get-dashboard.js';

export const handler = httpHandler(route, async ({ query }) => ok(await getDashboard(defaultDeps(), query)));
