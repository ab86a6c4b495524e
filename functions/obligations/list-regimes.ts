import { listRegimes } from '../../shared/domain/obligations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/obligations.js';

export const handler = httpHandler(routes.listRegimes, async () => ok(listRegimes()));
