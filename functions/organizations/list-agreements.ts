import { defaultDeps } from '../../shared/deps.js';
import { listAgreements } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/organizations.js';

export const handler = httpHandler(routes.listAgreements, async ({ params }) =>
  ok(await listAgreements(defaultDeps(), params.organizationId)),
);
