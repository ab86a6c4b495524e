import { defaultDeps } from '../../shared/deps.js';
import { updateThirdParty } from '../../shared/domain/third-parties/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/third-parties/update-third-party.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await updateThirdParty(defaultDeps(), caller, params.thirdPartyId, body)),
);
