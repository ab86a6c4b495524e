import { defaultDeps } from '../../shared/deps.js';
import { updateOrganization } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/organizations/update-organization.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await updateOrganization(defaultDeps(), caller, params.organizationId, body)),
);
