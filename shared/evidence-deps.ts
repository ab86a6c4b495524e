/**
 * The composition root of the evidence bucket (docs/evidence.md): only the handlers whose route
 * `uses` 's3' import this module, so no other function bundles the S3 client or the presigner
 * (checked by test/infra/bundle.test.ts). Kept out of `shared/deps.ts` for that reason.
 */
import type { ObjectStoreDeps } from './aws/ports.js';
import { s3Client, s3ObjectStore } from './aws/s3.js';
import { evidenceConfig } from './config.js';

export type { ObjectStoreDeps } from './aws/ports.js';

let objects: ObjectStoreDeps | undefined;

/** The evidence bucket, built once at first use (fails then when LIAISON_EVIDENCE_BUCKET is missing). */
export function objectStoreDeps(): ObjectStoreDeps {
  objects ??= { objects: s3ObjectStore(s3Client(), evidenceConfig()) };
  return objects;
}
