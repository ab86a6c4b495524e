import { defaultDeps } from '../../shared/deps.js';
import { createAgreementUpdate } from '../../shared/domain/agreements/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/agreements/create-agreement-update.js';
import { schedulingDepsIfConfigured } from '../../shared/scheduling-deps.js';

export const handler = httpHandler(route, async ({ body, caller }) =>
  created(await createAgreementUpdate(defaultDeps(), caller, body, schedulingDepsIfConfigured())),
);
