import { defaultDeps, objectStoreDeps } from '../../shared/deps.js';
import { releaseHold } from '../../shared/domain/evidence/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/evidence/release-hold.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(
    await releaseHold(
      defaultDeps(),
      objectStoreDeps().objects,
      caller,
      params.incidentId,
      params.holdId,
      body,
    ),
  ),
);
