import { defaultDeps } from '../../shared/deps.js';
import { createThirdParty } from '../../shared/domain/third-parties/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler('createThirdParty', async ({ body, caller }) =>
  created(await createThirdParty(defaultDeps(), caller, body)),
);
