import { SNSClient } from '@aws-sdk/client-sns';
import { awsConfig } from '../config.js';

/** Builds an SNS client; `endpoint` is set by the local stack and the tests only (local SNS). */
export function createSnsClient(opts: { region: string; endpoint?: string | undefined }): SNSClient {
  const client = new SNSClient({
    region: opts.region,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  });
  // No X-Ray SDK subsegment per call (cold start, docs/decisions.md): Lambda active tracing only.
  return client;
}

let client: SNSClient | undefined;

/**
 * The process-wide SNS client, created on first use and then kept (module scope in Lambda). Only
 * the functions that publish call it, so the others never load or construct it.
 */
export function snsClient(): SNSClient {
  client ??= createSnsClient({ region: awsConfig().region, endpoint: awsConfig().endpoints.sns });
  return client;
}
