import { defaultDeps } from '../../shared/deps.js';
import { listThirdParties } from '../../shared/domain/third-parties/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/third-parties.js';

export const handler = httpHandler(routes.listThirdParties, async ({ query }) =>
  ok(await listThirdParties(defaultDeps(), query)),
);
