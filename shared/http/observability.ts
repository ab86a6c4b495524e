import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';

/** Structured JSON logs; level from POWERTOOLS_LOG_LEVEL. One instance per process. */
export const logger = new Logger({ serviceName: 'liaison' });
/** X-Ray tracing; disabled outside Lambda (POWERTOOLS_TRACE_ENABLED=false in the local stack). */
export const tracer = new Tracer({ serviceName: 'liaison' });
