import { listRegimes } from '../../shared/domain/obligations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listRegimes', async () => ok(listRegimes()));
