import { verificationConfig } from '../../shared/config.js';
import { defaultDeps } from '../../shared/deps.js';
import { verifyToken } from '../../shared/domain/verification/service.js';
import { httpHandler } from '../../shared/http/handler.js';
import { verifiedPage } from '../../shared/http/pages.js';
import { route } from '../../shared/routes/verification/verify-contact.js';

export const handler = httpHandler(route, async ({ params, body, event }) => {
  const result = await verifyToken(
    defaultDeps(),
    verificationConfig(),
    params.token,
    event.requestContext?.http?.sourceIp ?? 'unknown',
    body,
  );
  return { status: 200, body: result, html: verifiedPage(result) };
});
