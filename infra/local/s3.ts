/**
 * A small local S3 endpoint for the real `@aws-sdk/client-s3` and `@aws-sdk/s3-request-presigner`
 * (path-style: `forcePathStyle: true`, endpoint from LIAISON_S3_ENDPOINT). Only what the evidence
 * register uses (docs/evidence.md), with S3's semantics for it:
 *
 * - CreateBucket (`x-amz-bucket-object-lock-enabled: true` turns versioning and Object Lock on),
 *   HeadBucket, PutObjectLockConfiguration (a default GOVERNANCE/COMPLIANCE retention in days).
 * - PutObject (a new version each time; `x-amz-checksum-sha256` checked against the body: 400
 *   BadDigest), GetObject / HeadObject (latest or `versionId`; `ChecksumSHA256` when
 *   `x-amz-checksum-mode: ENABLED`), DeleteObject (without `versionId`: a delete marker; with it:
 *   refused 403 AccessDenied while the version has a legal hold, or is under retention, GOVERNANCE
 *   retention bypassed by `x-amz-bypass-governance-retention: true`).
 * - PutObjectLegalHold / GetObjectLegalHold (`?legal-hold`).
 * - Requests must be signed (an `Authorization` header or a presigned URL's `X-Amz-Signature`); a
 *   presigned URL past `X-Amz-Date + X-Amz-Expires` is 403 AccessDenied. Signatures are not
 *   verified (local credentials only), which is the one deliberate difference from S3.
 *
 * Data: in memory, or kept under `dataDir` (`.liaison/s3/` for `npm start`): one file per object
 * version plus `state.json`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';

/** The evidence bucket of the local stack (LIAISON_EVIDENCE_BUCKET). */
export const LOCAL_EVIDENCE_BUCKET = 'liaison-local-evidence';

/**
 * Creates the evidence bucket as the CDK does (versioning, Object Lock, default GOVERNANCE retention
 * of `retentionDays`) unless it exists.
 */
export async function ensureEvidenceBucket(
  endpoint: string,
  bucket = LOCAL_EVIDENCE_BUCKET,
  retentionDays = 90,
): Promise<void> {
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket: bucket,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: retentionDays } },
        },
      }),
    );
  } finally {
    s3.destroy();
  }
}

/** Origins of pages on this machine (the local console), whatever their port. */
const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;

export interface LocalS3Options {
  /** 0 (default) = a free port. */
  readonly port?: number;
  /** Loopback only (default 127.0.0.1). */
  readonly host?: string;
  /** Keep buckets and objects here; in memory when omitted. */
  readonly dataDir?: string;
  /** Clock for retention and presigned-URL expiry (tests). */
  readonly clock?: () => Date;
}

export interface ObjectVersion {
  readonly versionId: string;
  readonly key: string;
  readonly size: number;
  readonly sha256: string; // base64, as S3 reports ChecksumSHA256
  readonly etag: string;
  readonly contentType: string;
  readonly lastModified: string;
  readonly deleteMarker?: boolean;
  legalHold: boolean;
  retainUntil?: string;
  retentionMode?: 'GOVERNANCE' | 'COMPLIANCE';
  /** Checksum the uploader sent (only then does HeadObject report one). */
  readonly checksumSent: boolean;
}

interface BucketState {
  readonly name: string;
  readonly objectLock: boolean;
  versioning: boolean;
  defaultRetention?: { mode: 'GOVERNANCE' | 'COMPLIANCE'; days: number };
  /** key → versions, oldest first. */
  readonly objects: Record<string, ObjectVersion[]>;
}

export interface LocalS3 {
  /** `http://127.0.0.1:<port>`: the SDK's `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** Versions of a key, oldest first (tests: is it locked?). */
  versions(bucket: string, key: string): readonly ObjectVersion[];
  /** Requests received per operation (`PutObject`, `DeleteObject` …). */
  calls(operation: string): number;
  stop(): Promise<void>;
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function startLocalS3(options: LocalS3Options = {}): Promise<LocalS3> {
  const clock = options.clock ?? (() => new Date());
  const buckets = new Map<string, BucketState>();
  const blobs = new Map<string, Buffer>(); // in-memory bodies by versionId
  const counts = new Map<string, number>();
  const dir = options.dataDir;
  if (dir) {
    mkdirSync(join(dir, 'objects'), { recursive: true });
    try {
      const saved = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as BucketState[];
      for (const b of saved) buckets.set(b.name, b);
    } catch {
      // first start: nothing saved yet
    }
  }
  const save = () => {
    if (dir) writeFileSync(join(dir, 'state.json'), JSON.stringify([...buckets.values()]));
  };
  const writeBody = (versionId: string, body: Buffer) => {
    if (dir) writeFileSync(join(dir, 'objects', versionId), body);
    else blobs.set(versionId, body);
  };
  const readBody = (versionId: string): Buffer =>
    dir ? readFileSync(join(dir, 'objects', versionId)) : (blobs.get(versionId) ?? Buffer.alloc(0));

  const count = (op: string) => counts.set(op, (counts.get(op) ?? 0) + 1);

  function checkSigned(req: IncomingMessage, url: URL): void {
    if (req.headers.authorization?.startsWith('AWS4-HMAC-SHA256')) return;
    const signature = url.searchParams.get('X-Amz-Signature');
    const date = url.searchParams.get('X-Amz-Date');
    const expires = Number(url.searchParams.get('X-Amz-Expires'));
    if (!signature || !date || !Number.isFinite(expires)) {
      throw new S3Error(403, 'AccessDenied', 'Anonymous access is not allowed');
    }
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
    if (!m) throw new S3Error(403, 'AccessDenied', 'X-Amz-Date is not a valid date');
    const signedAt = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
    if (clock().getTime() > signedAt + expires * 1000) {
      throw new S3Error(403, 'AccessDenied', 'Request has expired');
    }
  }

  const bucketOf = (name: string): BucketState => {
    const b = buckets.get(name);
    if (!b) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    return b;
  };

  const findVersion = (b: BucketState, key: string, versionId: string | null): ObjectVersion => {
    const versions = b.objects[key] ?? [];
    const v = versionId ? versions.find((x) => x.versionId === versionId) : versions.at(-1);
    if (!v) {
      if (versionId) throw new S3Error(404, 'NoSuchVersion', 'The specified version does not exist.');
      throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    }
    if (v.deleteMarker) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    return v;
  };

  async function readAll(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  function objectHeaders(v: ObjectVersion, req: IncomingMessage, b: BucketState): Record<string, string> {
    return {
      'content-type': v.contentType,
      'content-length': String(v.size),
      etag: v.etag,
      'last-modified': new Date(v.lastModified).toUTCString(),
      ...(b.versioning ? { 'x-amz-version-id': v.versionId } : {}),
      ...(req.headers['x-amz-checksum-mode'] === 'ENABLED' && v.checksumSent
        ? { 'x-amz-checksum-sha256': v.sha256 }
        : {}),
      ...(b.objectLock ? { 'x-amz-object-lock-legal-hold': v.legalHold ? 'ON' : 'OFF' } : {}),
      ...(v.retainUntil && v.retentionMode
        ? { 'x-amz-object-lock-mode': v.retentionMode, 'x-amz-object-lock-retain-until-date': v.retainUntil }
        : {}),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const [, bucketName = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const q = url.searchParams;
    const method = req.method ?? 'GET';
    checkSigned(req, url);
    if (!bucketName) throw new S3Error(400, 'InvalidRequest', 'Path-style requests only: /<bucket>/<key>');

    if (key === '') {
      if (method === 'PUT' && q.has('object-lock')) {
        count('PutObjectLockConfiguration');
        const b = bucketOf(bucketName);
        const xml = (await readAll(req)).toString('utf8');
        const mode = /<Mode>(GOVERNANCE|COMPLIANCE)<\/Mode>/.exec(xml)?.[1] as 'GOVERNANCE' | 'COMPLIANCE';
        const days = Number(/<Days>(\d+)<\/Days>/.exec(xml)?.[1]);
        if (!b.objectLock) throw new S3Error(409, 'InvalidBucketState', 'Object Lock is not enabled');
        if (mode && days > 0) b.defaultRetention = { mode, days };
        save();
        res.writeHead(200).end();
        return;
      }
      if (method === 'PUT') {
        count('CreateBucket');
        await readAll(req);
        if (buckets.has(bucketName)) {
          throw new S3Error(
            409,
            'BucketAlreadyOwnedByYou',
            'Your previous request to create the named bucket succeeded',
          );
        }
        const lock = req.headers['x-amz-bucket-object-lock-enabled'] === 'true';
        buckets.set(bucketName, { name: bucketName, objectLock: lock, versioning: lock, objects: {} });
        save();
        res.writeHead(200, { location: `/${bucketName}` }).end();
        return;
      }
      if (method === 'HEAD') {
        count('HeadBucket');
        bucketOf(bucketName);
        res.writeHead(200).end();
        return;
      }
      throw new S3Error(501, 'NotImplemented', `${method} on a bucket is not implemented locally`);
    }

    const b = bucketOf(bucketName);
    if (q.has('legal-hold')) {
      const v = findVersion(b, key, q.get('versionId'));
      if (!b.objectLock)
        throw new S3Error(400, 'InvalidRequest', 'Bucket is missing Object Lock Configuration');
      if (method === 'PUT') {
        count('PutObjectLegalHold');
        const xml = (await readAll(req)).toString('utf8');
        const status = /<Status>(ON|OFF)<\/Status>/.exec(xml)?.[1];
        if (!status) throw new S3Error(400, 'MalformedXML', 'LegalHold Status must be ON or OFF');
        v.legalHold = status === 'ON';
        save();
        res.writeHead(200).end();
        return;
      }
      count('GetObjectLegalHold');
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><LegalHold><Status>${v.legalHold ? 'ON' : 'OFF'}</Status></LegalHold>`,
        );
      return;
    }

    if (method === 'PUT') {
      count('PutObject');
      const body = await readAll(req);
      const sha256 = createHash('sha256').update(body).digest('base64');
      const sent = req.headers['x-amz-checksum-sha256'];
      const expected = typeof sent === 'string' ? sent : q.get('x-amz-checksum-sha256');
      if (expected && expected !== sha256) {
        throw new S3Error(
          400,
          'BadDigest',
          'The SHA256 you specified did not match the calculated checksum.',
        );
      }
      const now = clock();
      const versionId = b.versioning ? randomBytes(16).toString('hex') : 'null';
      const retention = b.defaultRetention;
      const version: ObjectVersion = {
        versionId,
        key,
        size: body.length,
        sha256,
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
        contentType: String(req.headers['content-type'] ?? 'binary/octet-stream'),
        lastModified: now.toISOString(),
        legalHold: req.headers['x-amz-object-lock-legal-hold'] === 'ON',
        checksumSent: Boolean(expected),
        ...(retention
          ? {
              retentionMode: retention.mode,
              retainUntil: new Date(now.getTime() + retention.days * 86_400_000).toISOString(),
            }
          : {}),
      };
      writeBody(versionId, body);
      const versions = b.versioning ? (b.objects[key] ?? []) : [];
      versions.push(version);
      b.objects[key] = versions;
      save();
      res
        .writeHead(200, {
          etag: version.etag,
          ...(b.versioning ? { 'x-amz-version-id': versionId } : {}),
          ...(expected ? { 'x-amz-checksum-sha256': sha256 } : {}),
        })
        .end();
      return;
    }

    if (method === 'GET' || method === 'HEAD') {
      count(method === 'GET' ? 'GetObject' : 'HeadObject');
      const v = findVersion(b, key, q.get('versionId'));
      const headers = objectHeaders(v, req, b);
      const disposition = q.get('response-content-disposition');
      if (disposition) headers['content-disposition'] = disposition;
      res.writeHead(200, headers);
      res.end(method === 'GET' ? readBody(v.versionId) : undefined);
      return;
    }

    if (method === 'DELETE') {
      count('DeleteObject');
      const versionId = q.get('versionId');
      if (!versionId) {
        // Versioned bucket: a delete marker; the versions (and their locks) stay.
        const marker: ObjectVersion = {
          versionId: randomBytes(16).toString('hex'),
          key,
          size: 0,
          sha256: '',
          etag: '""',
          contentType: '',
          lastModified: clock().toISOString(),
          deleteMarker: true,
          legalHold: false,
          checksumSent: false,
        };
        if (b.versioning) b.objects[key] = [...(b.objects[key] ?? []), marker];
        else delete b.objects[key];
        save();
        res
          .writeHead(
            204,
            b.versioning ? { 'x-amz-delete-marker': 'true', 'x-amz-version-id': marker.versionId } : {},
          )
          .end();
        return;
      }
      const versions = b.objects[key] ?? [];
      const v = versions.find((x) => x.versionId === versionId);
      if (v) {
        if (v.legalHold)
          throw new S3Error(403, 'AccessDenied', 'Access Denied because object protected by object lock.');
        const bypass = req.headers['x-amz-bypass-governance-retention'] === 'true';
        const retained = v.retainUntil !== undefined && new Date(v.retainUntil) > clock();
        if (retained && (v.retentionMode === 'COMPLIANCE' || !bypass)) {
          throw new S3Error(403, 'AccessDenied', 'Access Denied because object protected by object lock.');
        }
        versions.splice(versions.indexOf(v), 1);
        save();
      }
      res.writeHead(204, { 'x-amz-version-id': versionId }).end();
      return;
    }
    throw new S3Error(501, 'NotImplemented', `${method} is not implemented locally`);
  }

  const server = createServer((req, res) => {
    // CORS as the deployed bucket's rule (infra/constructs/evidence-bucket.ts), for the local
    // console's origin: any loopback page may PUT and GET with presigned URLs.
    const origin = req.headers.origin;
    if (origin && LOOPBACK_ORIGIN.test(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'ETag, x-amz-version-id');
      if (req.method === 'OPTIONS') {
        res
          .writeHead(204, {
            'access-control-allow-methods': 'PUT, GET, HEAD',
            'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
            'access-control-max-age': '3600',
          })
          .end();
        return;
      }
    }
    handle(req, res).catch((error: unknown) => {
      const e = error instanceof S3Error ? error : new S3Error(500, 'InternalError', String(error));
      if (res.headersSent) {
        res.destroy();
        return;
      }
      req.resume();
      const body =
        req.method === 'HEAD'
          ? undefined
          : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${e.code}</Code><Message>${xmlEscape(e.message)}</Message></Error>`;
      res.writeHead(e.status, { 'content-type': 'application/xml' }).end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopped = false;
  return {
    endpoint: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    versions: (bucket, key) => buckets.get(bucket)?.objects[key] ?? [],
    calls: (op) => counts.get(op) ?? 0,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      save();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
