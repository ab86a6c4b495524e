import { defaultDeps } from '../../shared/deps.js';
import { getThirdParty } from '../../shared/domain/third-parties/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/third-parties.js';

export const handler = httpHandler(routes.getThirdParty, async ({ params }) =>
  ok(await getThirdParty(defaultDeps(), params.thirdPartyId)),
);
