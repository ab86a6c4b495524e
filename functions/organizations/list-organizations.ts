import { defaultDeps } from '../../shared/deps.js';
import { listOrganizations } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/organizations/list-organizations.js';

export const handler = httpHandler(route, async ({ query }) =>
  ok(await listOrganizations(defaultDeps(), query)),
);
