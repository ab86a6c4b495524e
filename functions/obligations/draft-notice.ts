import { defaultDeps } from '../../shared/deps.js';
import { draftObligationNotice } from '../../shared/domain/reminders/draft.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/obligations/draft-notice.js';

export const handler = httpHandler(route, async ({ params, query }) =>
  ok(await draftObligationNotice(defaultDeps(), params.incidentId, params.obligationId, query)),
);
