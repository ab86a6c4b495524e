/**
 * Acknowledgement link token (`ACKTOKEN#<sha256>` / `#TOKEN`): one per contact and escalation
 * level, stored only as the SHA-256 of its token, single use (`usedAt`), removed by TTL a week after
 * it expires (so "expired" and "used" stay distinguishable until then).
 */
import { ackKeys } from '../keys.js';
import { TABLE } from '../table.js';
import { defineEntity } from './entity.js';

export interface AckTokenItem {
  readonly hash: string;
  readonly contactId: string;
  readonly organizationId: string;
  readonly incidentId: string;
  readonly chainId: string;
  readonly level: number;
  readonly createdAt: string;
  readonly tokenExpiresAt: string;
  readonly usedAt?: string;
}

/** TTL: keep a token item a week past its expiry. */
export const ackTokenTtl = (iso: string): number => Math.floor(Date.parse(iso) / 1000) + 7 * 86_400;

type StoredAckToken = AckTokenItem & { readonly [k: string]: unknown };

export const ackTokenEntity = defineEntity<StoredAckToken>({
  entity: 'ack-token',
  keyOf: (t) => ackKeys.token(t.hash),
});

/** The stored item of a new token (with its TTL attribute). */
export const newAckToken = (t: AckTokenItem): StoredAckToken => ({
  ...t,
  [TABLE.timeToLiveAttribute]: ackTokenTtl(t.tokenExpiresAt),
});
