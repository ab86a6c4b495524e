import { verificationConfig } from '../../shared/config.js';
import { defaultDeps } from '../../shared/deps.js';
import { acknowledgeByLink } from '../../shared/domain/escalation/ack-links.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { httpHandler } from '../../shared/http/handler.js';
import { acknowledgedPage } from '../../shared/http/pages.js';
import { route } from '../../shared/routes/escalation/acknowledge-by-link.js';

export const handler = httpHandler(route, async ({ params, body, event }) => {
  const result = await acknowledgeByLink(
    defaultDeps(),
    escalationRuntime(),
    verificationConfig(),
    params.token,
    event.requestContext?.http?.sourceIp ?? 'unknown',
    body,
  );
  return { status: 200, body: result, html: acknowledgedPage(result) };
});
