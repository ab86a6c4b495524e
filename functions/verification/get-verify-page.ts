import { verificationConfig } from '../../shared/config.js';
import { defaultDeps } from '../../shared/deps.js';
import { previewVerification } from '../../shared/domain/verification/service.js';
import { httpHandler } from '../../shared/http/handler.js';
import { verifyPage } from '../../shared/http/pages.js';
import { route } from '../../shared/routes/verification/get-verify-page.js';

export const handler = httpHandler(route, async ({ params, event }) => {
  const html = verifyPage(
    await previewVerification(
      defaultDeps(),
      verificationConfig(),
      params.token,
      event.requestContext?.http?.sourceIp ?? 'unknown',
    ),
  );
  return { status: 200, body: html, html };
});
