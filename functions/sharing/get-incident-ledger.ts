import { defaultDeps } from '../../shared/deps.js';
import { incidentLedger } from '../../shared/domain/sharing/service.js';
import { httpHandler } from '../../shared/http/handler.js';
import { ledgerAnswer } from '../../shared/http/ledger-export.js';
import { route } from '../../shared/routes/sharing/get-incident-ledger.js';

export const handler = httpHandler(route, async ({ params, query }) =>
  ledgerAnswer(await incidentLedger(defaultDeps(), params.incidentId, query), query.format),
);
