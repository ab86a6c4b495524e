import { defaultDeps } from '../../shared/deps.js';
import { listQuarantined } from '../../shared/domain/inbound/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/inbound/list-quarantined-emails.js';

export const handler = httpHandler(route, async ({ query }) =>
  ok(await listQuarantined(defaultDeps(), query)),
);
