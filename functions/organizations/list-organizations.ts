import { defaultDeps } from '../../shared/deps.js';
import { listOrganizations } from '../../shared/domain/organizations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listOrganizations', async ({ query }) =>
  ok(await listOrganizations(defaultDeps(), query)),
);
