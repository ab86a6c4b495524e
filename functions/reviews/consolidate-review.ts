import { defaultDeps } from '../../shared/deps.js';
import { consolidateReview } from '../../shared/domain/reviews/service.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/reviews/consolidate-review.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await consolidateReview(defaultDeps(), caller, params.incidentId, body, escalationRuntime())),
);
