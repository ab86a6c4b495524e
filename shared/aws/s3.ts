/**
 * The evidence bucket through `@aws-sdk/client-s3` (the `ObjectStore` port of ./ports.ts). Presigned
 * PUTs carry the expected SHA-256 as a signed `x-amz-checksum-sha256` header, so S3 itself refuses a
 * body with another hash (400 BadDigest); downloads are presigned GETs of one version.
 * Also the blob store of inbound e-mail (`BlobStore`): SES writes each raw message under `raw/`, the
 * receiving function reads it and keeps attachments under `attachments/<incident>/<sha256>`.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { awsConfig, type EvidenceConfig } from '../config.js';
import type { BlobStore, ObjectStore, PresignedRequest } from './ports.js';

/** Builds an S3 client; `endpoint` is set by the local stack and the tests only (path style). */
export function createS3Client(opts: { region: string; endpoint?: string | undefined }): S3Client {
  return new S3Client({
    region: opts.region,
    ...(opts.endpoint
      ? {
          endpoint: opts.endpoint,
          forcePathStyle: true,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    // Checksums only where we ask for them (the presigned PUT's SHA-256), not a CRC32 of our own.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

let client: S3Client | undefined;

/** The process-wide S3 client, created on first use (only functions whose route uses 's3'). */
export function s3Client(): S3Client {
  client ??= createS3Client({ region: awsConfig().region, endpoint: awsConfig().endpoints.s3 });
  return client;
}

const hexToBase64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const base64ToHex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');

const notFound = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey');

/** The `ObjectStore` of the evidence bucket. */
export function s3ObjectStore(
  s3: S3Client,
  settings: EvidenceConfig,
  now: () => Date = () => new Date(),
): ObjectStore {
  const expiry = (): string => new Date(now().getTime() + settings.urlSeconds * 1000).toISOString();
  const bucket = settings.bucket;
  return {
    bucket,
    async presignPut(key, upload): Promise<PresignedRequest> {
      const checksum = hexToBase64(upload.sha256);
      const command = new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ChecksumSHA256: checksum,
        ContentLength: upload.size,
        ContentType: upload.contentType,
      });
      const url = await getSignedUrl(s3, command, {
        expiresIn: settings.urlSeconds,
        // Signed headers the uploader must send: S3 checks the body against the checksum.
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
        signableHeaders: new Set(['content-type', 'content-length']),
      });
      return {
        method: 'PUT',
        url,
        headers: { 'content-type': upload.contentType, 'x-amz-checksum-sha256': checksum },
        expiresAt: expiry(),
      };
    },
    async presignGet(key, versionId, filename): Promise<PresignedRequest> {
      const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_');
      const url = await getSignedUrl(
        s3,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(versionId ? { VersionId: versionId } : {}),
          ResponseContentDisposition: `attachment; filename="${safe}"`,
        }),
        { expiresIn: settings.urlSeconds },
      );
      return { method: 'GET', url, headers: {}, expiresAt: expiry() };
    },
    async put(key, bytes, upload) {
      const res = await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: upload.contentType,
          ChecksumSHA256: hexToBase64(upload.sha256),
        }),
      );
      return { versionId: res.VersionId };
    },
    async head(key) {
      try {
        const res = await s3.send(
          new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }),
        );
        return {
          versionId: res.VersionId,
          size: res.ContentLength ?? 0,
          sha256: res.ChecksumSHA256 ? base64ToHex(res.ChecksumSHA256.split('-')[0] as string) : undefined,
        };
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },
    async sha256Of(key, versionId) {
      const { createHash } = await import('node:crypto');
      const res = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
      );
      const hash = createHash('sha256');
      for await (const chunk of res.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
      return hash.digest('hex');
    },
    async setLegalHold(key, versionId, on) {
      await s3.send(
        new PutObjectLegalHoldCommand({
          Bucket: bucket,
          Key: key,
          ...(versionId ? { VersionId: versionId } : {}),
          LegalHold: { Status: on ? 'ON' : 'OFF' },
        }),
      );
    },
    async deleteVersion(key, versionId) {
      try {
        await s3.send(
          new DeleteObjectCommand({
            Bucket: bucket,
            Key: key,
            ...(versionId ? { VersionId: versionId } : {}),
            BypassGovernanceRetention: true,
          }),
        );
        return 'deleted';
      } catch (error) {
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 403) return 'locked';
        throw error;
      }
    },
  };
}

/** The `BlobStore` of inbound e-mail on its bucket (docs/inbound-email.md). */
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
