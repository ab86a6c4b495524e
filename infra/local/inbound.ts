/**
 * Inbound e-mail on the local stack (docs/inbound-email.md): `POST /local/inbound-email` of the
 * local runner (127.0.0.1 only, never in the deployed API) takes one raw RFC 822 message as the
 * body and hands it to the same `receiveEmail` the SES Lambda calls. Bytes go to a file blob store
 * (`.liaison/inbound/` under `npm start`), attachments also to the local S3's evidence bucket. `?to=` sets the envelope recipient(s), as SES would.
 */
import type { InboundDeps } from '../../shared/aws/ports.js';
import { fileBlobStore } from './blobs.js';

/** The reply-address domain of the local stack (LIAISON_INBOUND_DOMAIN). */
export const LOCAL_INBOUND_DOMAIN = 'liaison.test';

export const LOCAL_INBOUND_PATH = '/local/inbound-email';

export interface LocalInboundAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** The handler of `POST /local/inbound-email` over a file blob store in `dir`. */
export function localInbound(options: { readonly dir: string; readonly domain?: string }) {
  const blobs = fileBlobStore(options.dir);
  const domain = options.domain ?? LOCAL_INBOUND_DOMAIN;
  return async (raw: Buffer, query: URLSearchParams): Promise<LocalInboundAnswer> => {
    if (raw.length === 0) {
      return {
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED', message: 'The body must be a raw RFC 822 message' } },
      };
    }
    // Imported on first use: the handlers' environment is applied by then (config is read once).
    const [{ defaultDeps }, { receiveEmail }, { objectStoreDeps }] = await Promise.all([
      import('../../shared/deps.js'),
      import('../../shared/domain/inbound/service.js'),
      import('../../shared/evidence-deps.js'),
    ]);
    // The local S3's evidence bucket, as the receive-email function has the real one.
    const inbound: InboundDeps = { blobs, domain, evidence: objectStoreDeps().objects };
    const recipients = query
      .getAll('to')
      .flatMap((t) => t.split(','))
      .filter((t) => t.trim());
    const outcome = await receiveEmail(defaultDeps(), inbound, {
      raw: new Uint8Array(raw),
      ...(recipients.length ? { recipients } : {}),
    });
    return { status: outcome.outcome === 'dropped' ? 422 : 202, body: { ...outcome } };
  };
}

export type LocalInboundHandler = ReturnType<typeof localInbound>;
