/**
 * In-memory verification repository (docs/verification.md): tokens, failed-attempt counters and the
 * sweep's items in maps; contacts from the directory store it shares.
 */
import type { StoredContact } from '../../../shared/db/entities/contact.js';
import type { TokenItem, VerificationRepository } from '../../../shared/db/repos/verification.js';
import { concurrentUpdate } from '../../../shared/db/transact.js';
import type { DirectoryStore } from './directory.js';

const dueAt = (c: StoredContact) => `${c.verificationStaleAt ?? c.nextVerificationDue}#${c.id}`;

export function memoryVerification(store: DirectoryStore): VerificationRepository {
  const tokens = new Map<string, TokenItem>();
  const failures = new Map<string, number>();
  const sweep = new Map<'run' | 'last', object>();
  const live = () =>
    [...store.contacts.values()]
      .filter((c) => c.deletedAt === null)
      .sort((a, b) => dueAt(a).localeCompare(dueAt(b)));
  return {
    async dueContactsPage(asOf, limit, start) {
      const due = live().filter((c) => dueAt(c) < `${asOf}$`);
      const from = start ? Number(start.index) : 0;
      const items = due.slice(from, from + limit).map((c) => ({ ...c }));
      return { items, last: from + limit < due.length ? { index: String(from + limit) } : undefined };
    },
    async claimContact(c, t) {
      const current = store.contacts.get(c.id);
      if (
        !current ||
        current.deletedAt !== null ||
        current.nextVerificationDue !== c.nextVerificationDue ||
        (current.verificationStaleAt ?? null) !== null ||
        current.verificationRound === c.nextVerificationDue ||
        tokens.has(t.hash)
      )
        return false;
      store.contacts.set(c.id, {
        ...current,
        verificationSentAt: t.sentAt,
        verificationStaleAt: t.staleAt,
        verificationRound: c.nextVerificationDue,
        version: current.version + 1,
      });
      tokens.set(t.hash, {
        hash: t.hash,
        contactId: c.id,
        organizationId: c.organizationId,
        round: c.nextVerificationDue,
        createdAt: t.sentAt,
        tokenExpiresAt: t.tokenExpiresAt,
      });
      return true;
    },
    async markStale(c, at, nextDue) {
      const current = store.contacts.get(c.id);
      if (!current || current.deletedAt !== null || current.verificationStaleAt !== c.staleAt) return false;
      store.contacts.set(c.id, {
        ...current,
        verificationStatus: 'stale',
        verificationStaleAt: null,
        nextVerificationDue: nextDue,
        ...{ staleSince: at },
        version: current.version + 1,
      });
      return true;
    },
    loadToken: async (hash) => tokens.get(hash),
    loadContact: async (id) => store.contacts.get(id),
    async confirm(hash, c, at, nextDue, comment) {
      const token = tokens.get(hash);
      if (!token || token.usedAt) return 'token-used';
      const current = store.contacts.get(c.id);
      if (
        current?.version !== c.version ||
        current.deletedAt !== null ||
        current.verificationRound !== c.round
      )
        throw concurrentUpdate();
      tokens.set(hash, { ...token, usedAt: at });
      const { reverification: _flag, ...unflagged } = current;
      store.contacts.set(c.id, {
        ...unflagged,
        verificationStatus: 'verified',
        lastVerifiedAt: at,
        nextVerificationDue: nextDue,
        verificationStaleAt: null,
        updatedAt: at,
        version: c.version + 1,
        ...(comment === undefined ? {} : { verificationComment: comment }),
      });
      return 'confirmed';
    },
    failedAttempts: async (bucket) => failures.get(bucket) ?? 0,
    async recordFailure(bucket) {
      failures.set(bucket, (failures.get(bucket) ?? 0) + 1);
    },
    loadSweepItem: async <T>(which: 'run' | 'last') => sweep.get(which) as T | undefined,
    async saveSweepItem(which, value) {
      sweep.set(which, structuredClone(value));
    },
    wholeDirectory: async () => ({ organizations: [...store.organizations.values()], contacts: live() }),
  };
}
