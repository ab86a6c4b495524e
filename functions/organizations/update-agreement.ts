import { defaultDeps } from '../../shared/deps.js';
import { updateAgreement } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/organizations/update-agreement.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await updateAgreement(defaultDeps(), caller, params.organizationId, params.agreementId, body)),
);
