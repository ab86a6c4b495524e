import { defaultDeps } from '../../shared/deps.js';
import { updateAgreementUpdate } from '../../shared/domain/agreements/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/agreements/update-agreement-update.js';
import { schedulingDepsIfConfigured } from '../../shared/scheduling-deps.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await updateAgreementUpdate(defaultDeps(), caller, params.updateId, body, schedulingDepsIfConfigured())),
);
