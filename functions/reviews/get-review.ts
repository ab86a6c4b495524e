import { defaultDeps } from '../../shared/deps.js';
import { getReview } from '../../shared/domain/reviews/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/reviews/get-review.js';

export const handler = httpHandler(route, async ({ params, caller }) =>
  ok(await getReview(defaultDeps(), caller, params.incidentId)),
);
