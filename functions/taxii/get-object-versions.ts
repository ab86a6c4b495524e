import { defaultDeps } from '../../shared/deps.js';
import { getVersions } from '../../shared/domain/sharing/taxii.js';
import { httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/taxii/get-object-versions.js';

export const handler = httpHandler(route, async ({ params, query, caller }) => {
  const { body, headers } = await getVersions(
    defaultDeps(),
    caller,
    params.collectionId,
    params.objectId,
    query,
  );
  return { status: 200, body, headers };
});
