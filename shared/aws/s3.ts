/**
 * The blob store of inbound e-mail on S3 (`BlobStore`, shared/aws/ports.ts): SES writes each raw
 * message under `raw/`, the receiving function reads it and keeps attachments under
 * `attachments/<incident>/<sha256>`. Only that function builds the client.
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { awsConfig } from '../config.js';
import type { BlobStore } from './ports.js';

let client: S3Client | undefined;

/** The process-wide S3 client, created on first use. */
export function s3Client(): S3Client {
  client ??= new S3Client({ region: awsConfig().region, maxAttempts: 3 });
  return client;
}

export function s3BlobStore(s3: S3Client, bucket: string): BlobStore {
  return {
    async put(key, bytes, contentType) {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }),
      );
    },
    async get(key) {
      try {
        const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return res.Body ? await res.Body.transformToByteArray() : undefined;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
  };
}
