import { defaultDeps } from '../../shared/deps.js';
import { listThirdParties } from '../../shared/domain/third-parties/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/third-parties/list-third-parties.js';

export const handler = httpHandler(route, async ({ query }) =>
  ok(await listThirdParties(defaultDeps(), query)),
);
