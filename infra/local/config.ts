/**
 * Settings of the local stack's own tooling (`npm start`), read once. The handlers' settings are read
 * by shared/config.ts; the local stack passes them to the handlers through `localEnvironment()`.
 */
export interface LocalConfig {
  /** HTTP port of the local API (`PORT`, default 3000). */
  readonly port: number;
  /** Powertools log level of the handlers (`LOG_LEVEL` or `POWERTOOLS_LOG_LEVEL`, default WARN). */
  readonly logLevel: string;
}

export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${portText}"`);
  }
  return { port, logLevel: env.LOG_LEVEL ?? env.POWERTOOLS_LOG_LEVEL ?? 'WARN' };
}
