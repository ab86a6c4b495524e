import { defaultDeps } from '../../shared/deps.js';
import { listThirdParties } from '../../shared/domain/third-parties/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listThirdParties', async ({ query }) =>
  ok(await listThirdParties(defaultDeps(), query)),
);
