import { defaultDeps } from '../../shared/deps.js';
import { acceptQuarantined } from '../../shared/domain/inbound/service.js';
import { objectStoreDeps } from '../../shared/evidence-deps.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/inbound/accept-quarantined-email.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await acceptQuarantined(defaultDeps(), objectStoreDeps().objects, caller, params.emailId, body)),
);
