import { verificationConfig } from '../../shared/config.js';
import { defaultDeps } from '../../shared/deps.js';
import { verifyToken } from '../../shared/domain/verification/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('verifyContact', async ({ params, body, event }) =>
  ok(
    await verifyToken(
      defaultDeps(),
      verificationConfig(),
      params.token,
      event.requestContext?.http?.sourceIp ?? 'unknown',
      body,
    ),
  ),
);
