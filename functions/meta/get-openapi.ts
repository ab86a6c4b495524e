import document from '../../docs/openapi.json' with { type: 'json' };
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/meta/get-openapi.js';

/**
 * The document is built at build time (`npm run openapi` → docs/openapi.json, checked current by
 * test/unit/route-table.test.ts) and embedded in the bundle as JSON: nothing is built at cold start.
 */
export const handler = httpHandler(route, async () => ok(document));
