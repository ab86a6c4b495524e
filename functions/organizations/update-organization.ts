import { defaultDeps } from '../../shared/deps.js';
import { updateOrganization } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/organizations.js';

export const handler = httpHandler(routes.updateOrganization, async ({ params, body, caller }) =>
  ok(await updateOrganization(defaultDeps(), caller, params.organizationId, body)),
);
