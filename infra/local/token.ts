/**
 * `npm run -s token -- --role coordinator [--role viewer] [--org ORG] [--sub NAME] [--ttl SECONDS]`
 * prints a token for the local API on stdout, and nothing else.
 */
import { pathToFileURL } from 'node:url';
import { ROLES } from '../../shared/routes.js';
import { DEFAULT_TTL_SECONDS, signToken } from './auth.js';

/** Roles a local token may carry: the API's roles plus `partner` (third-party users). */
export const TOKEN_ROLES: readonly string[] = [...ROLES, 'partner'];
/** The deploying organization in local runs. */
export const DEFAULT_ORGANIZATION = 'acme';
export const DEFAULT_SUBJECT = 'local-user';

export const USAGE = `usage: npm run -s token -- --role <${TOKEN_ROLES.join('|')}> [--role …] [--org ORG] [--sub NAME] [--ttl SECONDS]`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface TokenArgs {
  readonly sub: string;
  readonly roles: string[];
  readonly organization: string;
  readonly ttlSeconds: number;
}

/** Parses `--role x --role y --org o --sub s --ttl n` (also `--role=x`); throws {@link UsageError}. */
export function parseTokenArgs(argv: readonly string[]): TokenArgs {
  const roles: string[] = [];
  let sub = DEFAULT_SUBJECT;
  let organization = DEFAULT_ORGANIZATION;
  let ttlSeconds = DEFAULT_TTL_SECONDS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq !== -1 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) {
        throw new UsageError(`${flag} needs a value\n${USAGE}`);
      }
      return v;
    };
    switch (flag) {
      case '--role': {
        const role = value();
        if (!TOKEN_ROLES.includes(role)) {
          throw new UsageError(`unknown role "${role}"; expected one of ${TOKEN_ROLES.join(', ')}`);
        }
        if (!roles.includes(role)) roles.push(role);
        break;
      }
      case '--org':
        organization = value();
        break;
      case '--sub':
        sub = value();
        break;
      case '--ttl': {
        const raw = value();
        const n = Number(raw);
        if (!Number.isInteger(n) || n <= 0)
          throw new UsageError(`--ttl must be a positive number of seconds, got "${raw}"`);
        ttlSeconds = n;
        break;
      }
      case '--help':
      case '-h':
        throw new UsageError(USAGE);
      default:
        throw new UsageError(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  if (roles.length === 0) throw new UsageError(`at least one --role is required\n${USAGE}`);
  return { sub, roles, organization, ttlSeconds };
}

async function main(): Promise<void> {
  try {
    const args = parseTokenArgs(process.argv.slice(2));
    process.stdout.write(`${await signToken(args)}\n`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
