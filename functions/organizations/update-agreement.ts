import { defaultDeps } from '../../shared/deps.js';
import { updateAgreement } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/organizations.js';

export const handler = httpHandler(routes.updateAgreement, async ({ params, body, caller }) =>
  ok(await updateAgreement(defaultDeps(), caller, params.organizationId, params.agreementId, body)),
);
