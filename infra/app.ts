/**
 * The CDK app. `npx cdk synth` bundles every function once (one esbuild call), then builds the stack
 * and runs the AWS Solutions checks of cdk-nag; any unacknowledged finding fails the synth.
 *
 * Context (cdk.json or `-c key=value`):
 *   oidcIssuer, oidcAudience (comma separated)  use an external OIDC issuer instead of Cognito
 *   rolesClaim, orgClaim                         claim names of that issuer (LIAISON_ROLES_CLAIM / _ORG_CLAIM)
 *   throttleRate, throttleBurst                  default stage throttling (50 / 100)
 *   jurisdictions, sector, holidays              regulatory settings (LIAISON_JURISDICTIONS / _SECTOR / _HOLIDAYS)
 *   actionReminderOffset, obligationReminderFractions  reminders (LIAISON_ACTION_REMINDER_OFFSET / _OBLIGATION_REMINDER_FRACTIONS)
 *   stage                                        deployment stage (prod): stack Liaison-<stage>, names derived (infra/stage.ts)
 *   scheduleGroup                                EventBridge Scheduler schedule group name (liaison-<stage>)
 *   alarmEmail                                   e-mail address subscribed to the operator topic (alarms)
 *   outboxAgeAlarmMinutes                        alarm when a notice is undelivered for longer (15)
 *   verificationSchedule                         schedule of the contact-verification sweep: `rate(…)` or
 *                                                `cron(…)` (default `rate(1 day)`; docs/verification.md)
 *   console=true                                 deploy the web console (S3 + CloudFront, Cognito managed login; infra/constructs/console.ts)
 *   cognitoDomainPrefix                          managed-login domain prefix (liaison-<stage>-<account>)
 *   consoleCallbackUrls, consoleLogoutUrls       extra sign-in / sign-out URLs (comma separated) besides the CloudFront URL
 *   consoleOrigins                               extra origins the API's CORS allows (comma separated)
 *   consoleClientId                              with oidcIssuer: the console's client id at that issuer (first oidcAudience)
 *   liaison:skipBundling=true                    placeholder code for every function (fast synth, tests)
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readRegulatoryConfig, readRemindersConfig } from '../shared/config.js';
import { bundleFunctions } from './bundle.js';
import { functionEntries, functionNames, INBOUND_FUNCTION } from './functions.js';
import {
  type AuthConfig,
  type ConsoleProps,
  LiaisonStack,
  type LiaisonStackProps,
} from './stacks/liaison-stack.js';
import { DEFAULT_STAGE, stageNames } from './stage.js';

export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = join(ROOT_DIR, 'cdk.out', '.liaison-bundles');

function stringContext(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function numberContext(app: App, key: string, fallback: number): number {
  const raw = stringContext(app, key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`Context ${key} must be a positive number, got "${raw}"`);
  return n;
}

export function skipBundling(app: App): boolean {
  return stringContext(app, 'liaison:skipBundling') === 'true';
}

export function authFromContext(app: App): AuthConfig {
  const issuer = stringContext(app, 'oidcIssuer');
  const audience = stringContext(app, 'oidcAudience');
  if (issuer === undefined && audience === undefined) return { kind: 'cognito' };
  if (issuer === undefined || audience === undefined) {
    throw new Error('Context oidcIssuer and oidcAudience go together: set both, or neither for Cognito');
  }
  const rolesClaim = stringContext(app, 'rolesClaim');
  const orgClaim = stringContext(app, 'orgClaim');
  return {
    kind: 'oidc',
    issuer,
    audience: audience
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== ''),
    ...(rolesClaim ? { rolesClaim } : {}),
    ...(orgClaim ? { orgClaim } : {}),
  };
}

/** Regulatory settings from context, as the functions' environment (validated now, not at cold start). */
export function regulatoryFromContext(app: App): Record<string, string> {
  const env: Record<string, string> = {};
  const jurisdictions = stringContext(app, 'jurisdictions');
  const sector = stringContext(app, 'sector');
  const holidays: unknown = app.node.tryGetContext('holidays');
  if (jurisdictions) env.LIAISON_JURISDICTIONS = jurisdictions;
  if (sector) env.LIAISON_SECTOR = sector;
  if (holidays !== undefined && holidays !== null && holidays !== '') {
    env.LIAISON_HOLIDAYS = typeof holidays === 'string' ? holidays : JSON.stringify(holidays);
  }
  readRegulatoryConfig(env); // a typo fails the synth, not the first request
  // Reminders (docs/reminders.md): offset before an action's due date, fractions of regulatory clocks.
  const offset = stringContext(app, 'actionReminderOffset');
  const fractions = stringContext(app, 'obligationReminderFractions');
  if (offset) env.LIAISON_ACTION_REMINDER_OFFSET = offset;
  if (fractions) env.LIAISON_OBLIGATION_REMINDER_FRACTIONS = fractions;
  readRemindersConfig(env);
  return env;
}

/** Context `alarmEmail` and `outboxAgeAlarmMinutes` (checked now). */
export function monitoringFromContext(app: App): LiaisonStackProps['monitoring'] {
  const alarmEmail = stringContext(app, 'alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new Error(`Context alarmEmail must be an e-mail address, got "${alarmEmail}"`);
  }
  return {
    ...(alarmEmail ? { alarmEmail } : {}),
    outboxAgeAlarmMinutes: numberContext(app, 'outboxAgeAlarmMinutes', 15),
  };
}

/**
 * Builds the Liaison stack in `app` from its context; `bundleDir` undefined = placeholder code.
 * `overrides` (tests only): another route table or scheduled-function list, or a stage other than
 * context `stage` (two stages in one app).
 */
export function createLiaisonStack(
  app: App,
  bundleDir: string | undefined,
  { stage, ...overrides }: Pick<LiaisonStackProps, 'routes' | 'scheduledFunctions'> & { stage?: string } = {},
): LiaisonStack {
  const names = stageNames(stage ?? stringContext(app, 'stage') ?? DEFAULT_STAGE);
  return new LiaisonStack(app, names.stackName, {
    ...overrides,
    names,
    scheduleGroupName: stringContext(app, 'scheduleGroup') ?? names.scheduleGroup,
    evidenceRetentionDays: numberContext(app, 'evidenceRetentionDays', 90),
    monitoring: monitoringFromContext(app),
    description: `Liaison (${names.stage}): third-party security-incident coordination`,
    bundleDir,
    auth: authFromContext(app),
    regulatoryEnv: regulatoryFromContext(app),
    throttle: {
      rateLimit: numberContext(app, 'throttleRate', 50),
      burstLimit: numberContext(app, 'throttleBurst', 100),
    },
    recurringExpressions: recurringFromContext(app),
    ...consoleOption(app),
    ...inboundOption(app),
  });
}

/**
 * Context `inboundEmailDomain` → inbound e-mail on SES (docs/inbound-email.md): a domain verified
 * for SES receiving in the target account and region (checked to be a domain name now).
 */
export function inboundFromContext(app: App): { domain: string } | undefined {
  const domain = stringContext(app, 'inboundEmailDomain')?.trim().toLowerCase();
  if (!domain) return undefined;
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain)) {
    throw new Error(`Context inboundEmailDomain must be a domain name, got "${domain}"`);
  }
  return { domain };
}

function inboundOption(app: App): { inboundEmail?: { domain: string } } {
  const inbound = inboundFromContext(app);
  return inbound ? { inboundEmail: inbound } : {};
}

const listContext = (app: App, key: string): string[] =>
  (stringContext(app, key) ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');

/** Context `console=true` and its settings → the console props (URLs checked now); undefined: no console. */
export function consoleFromContext(app: App): ConsoleProps | undefined {
  if (stringContext(app, 'console') !== 'true') return undefined;
  const callbackUrls = listContext(app, 'consoleCallbackUrls');
  const logoutUrls = listContext(app, 'consoleLogoutUrls');
  const extraOrigins = listContext(app, 'consoleOrigins');
  for (const url of [...callbackUrls, ...logoutUrls, ...extraOrigins]) {
    if (!/^https:\/\/[^\s]+$|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/[^\s]*)?$/.test(url)) {
      throw new Error(`Console URLs must be https:// (or http://localhost), got "${url}"`);
    }
  }
  const domainPrefix = stringContext(app, 'cognitoDomainPrefix');
  if (domainPrefix !== undefined && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domainPrefix)) {
    throw new Error(
      `Context cognitoDomainPrefix must be lowercase letters, digits and hyphens, got "${domainPrefix}"`,
    );
  }
  const oidcClientId = stringContext(app, 'consoleClientId');
  return {
    distDir: join(ROOT_DIR, 'web', 'dist'),
    callbackUrls,
    logoutUrls,
    extraOrigins: extraOrigins.map((o) => new URL(o).origin),
    ...(domainPrefix ? { domainPrefix } : {}),
    ...(oidcClientId ? { oidcClientId } : {}),
  };
}

function consoleOption(app: App): { console?: ConsoleProps } {
  const console = consoleFromContext(app);
  return console ? { console } : {};
}

/** Context `verificationSchedule` → the verification sweep's schedule expression (checked now). */
export function recurringFromContext(app: App): Record<string, string> {
  const expression = stringContext(app, 'verificationSchedule');
  if (expression === undefined) return {};
  if (!/^(rate\([1-9]\d* (minute|minutes|hour|hours|day|days)\)|cron\([^()]+\))$/.test(expression)) {
    throw new Error(
      `Context verificationSchedule must be rate(<n> <unit>) or cron(<6 fields>), got "${expression}"`,
    );
  }
  return { 'verification-sweep': expression };
}

async function main(): Promise<void> {
  const app = new App();
  let bundleDir: string | undefined;
  if (!skipBundling(app)) {
    const started = Date.now();
    const { outDir, sizes, eager } = await bundleFunctions({
      outDir: BUNDLE_DIR,
      entries: functionEntries(ROOT_DIR, [
        ...functionNames(),
        ...(inboundFromContext(app) ? [INBOUND_FUNCTION.handler] : []),
      ]),
    });
    const largest = Math.max(...Object.values(eager));
    process.stderr.write(
      `Bundled ${Object.keys(sizes).length} functions in ${Date.now() - started} ms (largest eager load ${(largest / 1024).toFixed(0)} KiB; shared chunks, docs/architecture.md "Bundles")\n`,
    );
    bundleDir = outDir;
  }
  createLiaisonStack(app, bundleDir);
  // Errors fail the synth through CDK's validation report (exit code 1) …
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
  // … and so do warnings, which the report only prints: every finding is fixed or acknowledged.
  const warnings = new AwsSolutionsChecks()
    .validateScope(app)
    .violations.filter((v) => v.severity !== 'error');
  for (const v of warnings) {
    process.stderr.write(
      `WARNING ${v.ruleName}: ${v.description}\n${v.violatingResources.map((r) => `   ${r.constructPath}`).join('\n')}\n`,
    );
  }
  if (warnings.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
