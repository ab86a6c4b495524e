import { defaultDeps } from '../../shared/deps.js';
import { createAgreement } from '../../shared/domain/organizations/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/organizations/create-agreement.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await createAgreement(defaultDeps(), caller, params.organizationId, body)),
);
