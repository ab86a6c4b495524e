/**
 * SES receiving → this function (docs/inbound-email.md): the receipt rule's S3 action has written
 * the raw message to the inbound bucket under `raw/ses/<messageId>`, its Lambda action (Event) then
 * invokes this with the notification. The message is read from S3 and handed to the same
 * `receiveEmail` the local endpoint calls; the outcome is logged (SES needs no answer).
 */
import type { SESEvent } from 'aws-lambda';
import { s3BlobStore, s3Client } from '../../shared/aws/s3.js';
import { inboundConfig } from '../../shared/config.js';
import { defaultDeps } from '../../shared/deps.js';
import { receiveEmail } from '../../shared/domain/inbound/service.js';
import { objectStoreDeps } from '../../shared/evidence-deps.js';
import { logger } from '../../shared/logging.js';

/** Key prefix of the receipt rule's S3 action (infra/constructs/inbound-email.ts). */
export const RAW_PREFIX = 'raw/ses/';

export const handler = async (event: SESEvent): Promise<void> => {
  const { domain, bucket } = inboundConfig();
  if (!domain || !bucket) {
    throw new Error('Liaison configuration: LIAISON_INBOUND_DOMAIN and LIAISON_INBOUND_BUCKET are required');
  }
  const blobs = s3BlobStore(s3Client(), bucket);
  for (const record of event.Records) {
    const { mail, receipt } = record.ses;
    const rawKey = `${RAW_PREFIX}${mail.messageId}`;
    const raw = await blobs.get(rawKey);
    if (!raw) {
      logger.warn('inbound message not in the bucket', { sesMessageId: mail.messageId, rawKey });
      continue;
    }
    const outcome = await receiveEmail(
      defaultDeps(),
      { blobs, domain, evidence: objectStoreDeps().objects },
      {
        raw,
        rawKey,
        recipients: receipt.recipients,
        authentication: { spf: receipt.spfVerdict.status, dkim: receipt.dkimVerdict.status },
      },
    );
    logger.info('inbound message', { sesMessageId: mail.messageId, ...outcome });
  }
};
