import { apiRoot } from '../../shared/domain/sharing/taxii.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/taxii/get-api-root.js';

export const handler = httpHandler(route, async () => ok(apiRoot()));
