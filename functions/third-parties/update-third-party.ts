import { defaultDeps } from '../../shared/deps.js';
import { updateThirdParty } from '../../shared/domain/third-parties/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/third-parties.js';

export const handler = httpHandler(routes.updateThirdParty, async ({ params, body, caller }) =>
  ok(await updateThirdParty(defaultDeps(), caller, params.thirdPartyId, body)),
);
