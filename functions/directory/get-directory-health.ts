import { defaultDeps } from '../../shared/deps.js';
import { directoryHealth } from '../../shared/domain/verification/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/directory/get-directory-health.js';

export const handler = httpHandler(route, async () => ok(await directoryHealth(defaultDeps())));
