/**
 * Contact-directory verification (docs/verification.md): the repository over the functions of
 * `shared/db/verification-repo.ts` (gsi5 due index, token items, failed-attempt counters, sweep run
 * and result items).
 */

import type { TableContext } from '../context.js';
import type { StoredContact } from '../entities/contact.js';
import type { StoredOrganization } from '../entities/organization.js';
import type { TransactItem } from '../transact.js';
import {
  claimContact,
  confirm,
  dueContactsPage,
  failedAttempts,
  loadContactItem,
  loadSweepItem,
  loadToken,
  markStale,
  recordFailure,
  saveSweepItem,
  type TokenItem,
  wholeDirectory,
} from '../verification-repo.js';

export type { TokenItem } from '../verification-repo.js';

export interface VerificationRepository {
  /** One page of live contacts whose next verification action is at or before `asOf` (gsi5, oldest first). */
  dueContactsPage(
    asOf: string,
    limit: number,
    start: Record<string, unknown> | undefined,
  ): Promise<{ items: StoredContact[]; last: Record<string, unknown> | undefined }>;
  /**
   * Claims a due contact for this round and stores its token hash in ONE transaction, with `extra`
   * items (the sweep's outbox item); false when the contact was claimed or changed meanwhile.
   */
  claimContact(
    c: { id: string; organizationId: string; nextVerificationDue: string },
    t: { hash: string; sentAt: string; staleAt: string; tokenExpiresAt: string },
    extra?: readonly TransactItem[],
  ): Promise<boolean>;
  /** Marks a contact stale (its outstanding verification went unconfirmed); false when it changed. */
  markStale(c: { id: string; staleAt: string }, at: string, nextDue: string): Promise<boolean>;
  loadToken(hash: string): Promise<TokenItem | undefined>;
  /** The contact (consistent), undefined when absent. */
  loadContact(id: string): Promise<StoredContact | undefined>;
  /**
   * Consumes the token and stamps the contact verified in ONE transaction: `token-used` when the
   * token was consumed meanwhile; 409 CONCURRENT_UPDATE when the contact moved (read again).
   */
  confirm(
    hash: string,
    c: { id: string; version: number; round: string },
    at: string,
    nextDue: string,
    comment?: string,
  ): Promise<'confirmed' | 'token-used'>;
  /** Failed attempts in one rate-limit bucket (consistent; 0 when none). */
  failedAttempts(bucket: string): Promise<number>;
  /** Counts one failed attempt (atomic ADD) in a bucket that expires at `expiresAtEpoch`. */
  recordFailure(bucket: string, expiresAtEpoch: number): Promise<void>;
  loadSweepItem<T>(which: 'run' | 'last'): Promise<T | undefined>;
  saveSweepItem(which: 'run' | 'last', value: object): Promise<void>;
  /** Every organization and every live contact (all pages). */
  wholeDirectory(): Promise<{ organizations: StoredOrganization[]; contacts: StoredContact[] }>;
}

export function createVerificationRepository(ctx: TableContext): VerificationRepository {
  return {
    dueContactsPage: (asOf, limit, start) => dueContactsPage(ctx, asOf, limit, start),
    claimContact: (c, t, extra) => claimContact(ctx, c, t, extra),
    markStale: (c, at, nextDue) => markStale(ctx, c, at, nextDue),
    loadToken: (hash) => loadToken(ctx, hash),
    loadContact: (id) => loadContactItem(ctx, id),
    confirm: (hash, c, at, nextDue, comment) => confirm(ctx, hash, c, at, nextDue, comment),
    failedAttempts: (bucket) => failedAttempts(ctx, bucket),
    recordFailure: (bucket, ttl) => recordFailure(ctx, bucket, ttl),
    loadSweepItem: <T>(which: 'run' | 'last') => loadSweepItem<T>(ctx, which),
    saveSweepItem: (which, value) => saveSweepItem(ctx, which, value),
    wholeDirectory: () => wholeDirectory(ctx),
  };
}
