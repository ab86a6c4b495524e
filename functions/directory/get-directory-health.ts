import { defaultDeps } from '../../shared/deps.js';
import { directoryHealth } from '../../shared/domain/verification/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/directory.js';

export const handler = httpHandler(routes.getDirectoryHealth, async () =>
  ok(await directoryHealth(defaultDeps())),
);
