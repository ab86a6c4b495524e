import { listRegimes } from '../../shared/domain/obligations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/obligations/list-regimes.js';

export const handler = httpHandler(route, async () => ok(listRegimes()));
