import { defaultDeps } from '../../shared/deps.js';
import { listOrganizations } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/organizations.js';

export const handler = httpHandler(routes.listOrganizations, async ({ query }) =>
  ok(await listOrganizations(defaultDeps(), query)),
);
