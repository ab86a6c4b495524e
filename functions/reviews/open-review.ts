import { defaultDeps } from '../../shared/deps.js';
import { openReview } from '../../shared/domain/reviews/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/reviews/open-review.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await openReview(defaultDeps(), caller, params.incidentId, body)),
);
