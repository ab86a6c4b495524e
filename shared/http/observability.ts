/** The process's logger lives in shared/logging.ts (any layer may log); re-exported for shared/http. */
export { logger } from '../logging.js';
/*
 * No Powertools Tracer: it loads aws-xray-sdk-core (~108 KB, part of every cold start) for the
 * per-call subsegments of `captureAWSv3Client`/`captureLambdaHandler`. Lambda active tracing
 * (infra/constructs/api-function.ts) still records each invocation's segment with its init and
 * invocation phases; what is lost is written in docs/decisions.md.
 */
