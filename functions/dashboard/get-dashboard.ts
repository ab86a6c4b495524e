import { defaultDeps } from '../../shared/deps.js';
import { getDashboard } from '../../shared/domain/dashboard/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getDashboard', async ({ query, caller }) =>
  ok(await getDashboard(defaultDeps(), caller, query)),
);
