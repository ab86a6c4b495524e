import { defaultDeps } from '../../shared/deps.js';
import { draftObligationNotice } from '../../shared/domain/reminders/draft.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getObligationDraft', async ({ params, query }) =>
  ok(await draftObligationNotice(defaultDeps(), params.incidentId, params.obligationId, query)),
);
