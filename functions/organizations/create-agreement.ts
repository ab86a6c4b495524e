import { defaultDeps } from '../../shared/deps.js';
import { createAgreement } from '../../shared/domain/organizations/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/organizations.js';

export const handler = httpHandler(routes.createAgreement, async ({ params, body, caller }) =>
  created(await createAgreement(defaultDeps(), caller, params.organizationId, body)),
);
