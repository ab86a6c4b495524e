import { defaultDeps } from '../../shared/deps.js';
import { createAgreement } from '../../shared/domain/organizations/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler('createAgreement', async ({ params, body, caller }) =>
  created(await createAgreement(defaultDeps(), caller, params.organizationId, body)),
);
