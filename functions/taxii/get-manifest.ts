import { defaultDeps } from '../../shared/deps.js';
import { getManifest } from '../../shared/domain/sharing/taxii.js';
import { httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/taxii/get-manifest.js';

export const handler = httpHandler(route, async ({ params, query, caller }) => {
  const { body, headers } = await getManifest(defaultDeps(), caller, params.collectionId, query);
  return { status: 200, body, headers };
});
