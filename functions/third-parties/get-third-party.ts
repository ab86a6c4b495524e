import { defaultDeps } from '../../shared/deps.js';
import { getThirdParty } from '../../shared/domain/third-parties/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getThirdParty', async ({ params }) =>
  ok(await getThirdParty(defaultDeps(), params.thirdPartyId)),
);
