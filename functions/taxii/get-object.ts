import { defaultDeps } from '../../shared/deps.js';
import { getObjects } from '../../shared/domain/sharing/taxii.js';
import { httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/taxii/get-object.js';

export const handler = httpHandler(route, async ({ params, query, caller }) => {
  const { body, headers } = await getObjects(
    defaultDeps(),
    caller,
    params.collectionId,
    query,
    params.objectId,
  );
  return { status: 200, body, headers };
});
