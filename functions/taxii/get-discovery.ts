import { discovery } from '../../shared/domain/sharing/taxii.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { baseUrlOf } from '../../shared/http/media.js';
import { route } from '../../shared/routes/taxii/get-discovery.js';

export const handler = httpHandler(route, async ({ event }) => ok(discovery(baseUrlOf(event))));
