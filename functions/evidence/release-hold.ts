import { defaultDeps } from '../../shared/deps.js';
import { releaseHold } from '../../shared/domain/evidence/service.js';
import { objectStoreDeps } from '../../shared/evidence-deps.js';
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
