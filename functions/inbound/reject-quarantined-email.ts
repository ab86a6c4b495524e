import { defaultDeps } from '../../shared/deps.js';
import { rejectQuarantined } from '../../shared/domain/inbound/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/inbound/reject-quarantined-email.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await rejectQuarantined(defaultDeps(), caller, params.emailId, body)),
);
