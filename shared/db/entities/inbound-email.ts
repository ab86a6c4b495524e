/**
 * Inbound e-mail item (`INBOUND#<id>` / `#INBOUND`): one per message received at an incident's
 * reply address, whatever became of it (recorded, quarantined, accepted, rejected). Its id comes
 * from the Message-ID, so a redelivered message finds its item and is not recorded twice. While
 * quarantined it carries the sparse gsi1 keys the coordinators' quarantine list reads.
 * The bytes (raw message, attachments) are never in the table: `rawKey` and `attachments[].key`
 * name them in the blob store (S3 in AWS, `.liaison/inbound/` locally).
 */
import type { InboundEmail } from '../../schemas/inbound.js';
import { inboundKeys } from '../keys.js';
import { defineEntity } from './entity.js';

export type StoredInboundEmail = InboundEmail;

export const inboundEmailEntity = defineEntity<StoredInboundEmail>({
  entity: 'inbound-email',
  keyOf: (m) => inboundKeys.email(m.id),
  indexKeysOf: (m) => (m.status === 'quarantined' ? inboundKeys.quarantineIndexKeys(m) : {}),
});
