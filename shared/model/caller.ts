/**
 * Who is calling (pure type): built from the verified JWT by `shared/http/caller.ts` (`callerFrom`),
 * passed to every service. Lives here so the domain does not import `shared/http`.
 */
import type { Role } from './roles.js';

export interface Caller {
  readonly subject: string;
  readonly organization: string | undefined;
  readonly roles: readonly Role[];
}
