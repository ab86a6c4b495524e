import { defaultDeps } from '../../shared/deps.js';
import { addContribution } from '../../shared/domain/reviews/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/reviews/create-review-contribution.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await addContribution(defaultDeps(), caller, params.incidentId, body)),
);
