/**
 * Settings of the local stack's own tooling (`npm start`), read once. The handlers' settings are read
 * by shared/config.ts; the local stack passes them to the handlers through `localEnvironment()`.
 */
export interface LocalConfig {
  /** HTTP port of the local API (`PORT`, default 3000). */
  readonly port: number;
  /** Powertools log level of the handlers (`LOG_LEVEL` or `POWERTOOLS_LOG_LEVEL`, default WARN). */
  readonly logLevel: string;
  /** Port of the local SNS (`SNS_PORT`, default 4002); fixed so `npm run mailbox` finds it. */
  readonly snsPort: number;
  /** Port of the local S3 (`S3_PORT`, default 4003): presigned URLs name it. */
  readonly s3Port: number;
  /** How often the local Scheduler fires due schedules (`LIAISON_SCHEDULER_TICK_MS`, default 1000). */
  readonly schedulerTickMs: number;
  /** Rate of the notification sweeper (`LIAISON_SWEEP_INTERVAL`, e.g. `1 minute`; default its AWS rate). */
  readonly sweepInterval: string | undefined;
  /**
   * Rate of the verification sweep (`LIAISON_VERIFICATION_INTERVAL`, e.g. `1 hour`; default
   * LIAISON_SWEEP_INTERVAL when set, else its AWS rate, 1 day).
   */
  readonly verificationInterval: string | undefined;
}

function portNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name] || String(fallback);
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Error(`${name} must be a port number, got "${text}"`);
  return n;
}

export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${portText}"`);
  }
  const tickText = env.LIAISON_SCHEDULER_TICK_MS || '1000';
  const schedulerTickMs = Number(tickText);
  if (!Number.isInteger(schedulerTickMs) || schedulerTickMs < 10) {
    throw new Error(`LIAISON_SCHEDULER_TICK_MS must be an integer of at least 10 (ms), got "${tickText}"`);
  }
  return {
    port,
    logLevel: env.LOG_LEVEL ?? env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    snsPort: portNumber(env, 'SNS_PORT', 4002),
    s3Port: portNumber(env, 'S3_PORT', 4003),
    schedulerTickMs,
    sweepInterval: sweepInterval(env.LIAISON_SWEEP_INTERVAL),
    verificationInterval:
      sweepInterval(env.LIAISON_VERIFICATION_INTERVAL, 'LIAISON_VERIFICATION_INTERVAL') ??
      sweepInterval(env.LIAISON_SWEEP_INTERVAL),
  };
}

function sweepInterval(text: string | undefined, name = 'LIAISON_SWEEP_INTERVAL'): string | undefined {
  if (!text) return undefined;
  if (!/^[1-9]\d* (minute|minutes|hour|hours|day|days)$/.test(text)) {
    throw new Error(`${name} must be like "1 minute" or "5 minutes", got "${text}"`);
  }
  return text;
}
