import { defaultDeps } from '../../shared/deps.js';
import { listAgreements } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/organizations/list-agreements.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await listAgreements(defaultDeps(), params.organizationId)),
);
