import { defaultDeps } from '../../shared/deps.js';
import { getThirdParty } from '../../shared/domain/third-parties/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/third-parties/get-third-party.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getThirdParty(defaultDeps(), params.thirdPartyId)),
);
