import { defaultDeps } from '../../shared/deps.js';
import { updateAgreement } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('updateAgreement', async ({ params, body, caller }) =>
  ok(await updateAgreement(defaultDeps(), caller, params.organizationId, params.agreementId, body)),
);
