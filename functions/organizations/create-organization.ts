import { defaultDeps } from '../../shared/deps.js';
import { createOrganization } from '../../shared/domain/organizations/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler('createOrganization', async ({ body, caller }) =>
  created(await createOrganization(defaultDeps(), caller, body)),
);
