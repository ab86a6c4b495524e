import { defaultDeps } from '../../shared/deps.js';
import { organizationLedger } from '../../shared/domain/sharing/service.js';
import { httpHandler } from '../../shared/http/handler.js';
import { ledgerAnswer } from '../../shared/http/ledger-export.js';
import { route } from '../../shared/routes/sharing/get-organization-ledger.js';

export const handler = httpHandler(route, async ({ params, query }) =>
  ledgerAnswer(await organizationLedger(defaultDeps(), params.organizationId, query), query.format),
);
