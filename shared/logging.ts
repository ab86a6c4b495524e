import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs; level from POWERTOOLS_LOG_LEVEL. One instance per process. Outside
 * `shared/http` so every layer (the domain included) may log without depending on HTTP.
 */
export const logger = new Logger({ serviceName: 'liaison' });
