import { defaultDeps } from '../../shared/deps.js';
import { getOrganization } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/organizations.js';

export const handler = httpHandler(routes.getOrganization, async ({ params }) =>
  ok(await getOrganization(defaultDeps(), params.organizationId)),
);
