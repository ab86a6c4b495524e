import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs; level from POWERTOOLS_LOG_LEVEL. One instance per process. */
export const logger = new Logger({ serviceName: 'liaison' });
/*
 * No Powertools Tracer: it loads aws-xray-sdk-core (~108 KB, part of every cold start) for the
 * per-call subsegments of `captureAWSv3Client`/`captureLambdaHandler`. Lambda active tracing
 * (infra/constructs/api-function.ts) still records each invocation's segment with its init and
 * invocation phases; what is lost is written in docs/decisions.md.
 */
