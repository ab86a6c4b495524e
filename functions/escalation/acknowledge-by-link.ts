import { verificationConfig } from '../../shared/config.js';
import { defaultDeps } from '../../shared/deps.js';
import { acknowledgeByLink } from '../../shared/domain/escalation/ack-links.js';
import { httpHandler } from '../../shared/http/handler.js';
import { acknowledgedPage } from '../../shared/http/pages.js';
import { route } from '../../shared/routes/escalation/acknowledge-by-link.js';
import { schedulingDepsIfConfigured } from '../../shared/scheduling-deps.js';

export const handler = httpHandler(route, async ({ params, body, event }) => {
  const result = await acknowledgeByLink(
    defaultDeps(),
    // The link's incident change skips the trigger effects (it reaches only its own items): the
    // runtime needs the Scheduler alone, to delete the ended chains' next steps.
    { scheduling: schedulingDepsIfConfigured() },
    verificationConfig(),
    params.token,
    event.requestContext?.http?.sourceIp ?? 'unknown',
    body,
  );
  return { status: 200, body: result, html: acknowledgedPage(result) };
});
