import { verificationConfig } from '../../shared/config.js';
import { defaultDeps } from '../../shared/deps.js';
import { previewAcknowledgement } from '../../shared/domain/escalation/ack-links.js';
import { httpHandler } from '../../shared/http/handler.js';
import { acknowledgePage } from '../../shared/http/pages.js';
import { route } from '../../shared/routes/escalation/get-acknowledge-page.js';

export const handler = httpHandler(route, async ({ params, event }) => {
  const html = acknowledgePage(
    await previewAcknowledgement(
      defaultDeps(),
      verificationConfig(),
      params.token,
      event.requestContext?.http?.sourceIp ?? 'unknown',
    ),
  );
  return { status: 200, body: html, html };
});
