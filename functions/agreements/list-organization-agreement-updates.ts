import { defaultDeps } from '../../shared/deps.js';
import { listOrganizationAgreementUpdates } from '../../shared/domain/agreements/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/agreements/list-organization-agreement-updates.js';

export const handler = httpHandler(route, async ({ params, query }) =>
  ok(await listOrganizationAgreementUpdates(defaultDeps(), params.organizationId, query)),
);
