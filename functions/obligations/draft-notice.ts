import { defaultDeps } from '../../shared/deps.js';
import { draftObligationNotice } from '../../shared/domain/reminders/draft.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/obligations.js';

export const handler = httpHandler(routes.getObligationDraft, async ({ params, query }) =>
  ok(await draftObligationNotice(defaultDeps(), params.incidentId, params.obligationId, query)),
);
