import { httpHandler, ok } from '../../shared/http/handler.js';
import { buildOpenApi } from '../../shared/openapi.js';

const document = buildOpenApi();

export const handler = httpHandler('getOpenApi', async () => ok(document));
