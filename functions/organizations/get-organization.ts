import { defaultDeps } from '../../shared/deps.js';
import { getOrganization } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/organizations/get-organization.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getOrganization(defaultDeps(), params.organizationId)),
);
