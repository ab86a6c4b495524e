import { defaultDeps } from '../../shared/deps.js';
import { directoryHealth } from '../../shared/domain/verification/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getDirectoryHealth', async () =>
  ok(await directoryHealth(defaultDeps())),
);
