/**
 * Inbound e-mail (docs/inbound-email.md): replies to an incident's reply address, recorded as
 * inbound communications or held in quarantine for a coordinator.
 */
import * as z from 'zod/mini';
import { Id, meta, PageQuery, Text, TimestampOut } from './common.js';

export const InboundAttachment = meta(
  z.object({
    name: z.string(),
    type: meta(z.string(), { description: 'MIME type as sent' }),
    size: meta(z.number().check(z.int()), { description: 'Bytes' }),
    sha256: meta(z.string(), { description: 'Hex SHA-256 of the bytes' }),
    key: meta(z.string(), {
      description: 'Where the bytes are kept (the inbound bucket in AWS, .liaison/inbound/ locally)',
    }),
    evidenceObject: meta(z.optional(z.object({ key: z.string(), versionId: z.optional(z.string()) })), {
      description:
        'Its copy in the evidence bucket, written when the message arrived; under the bucket’s Object Lock retention from then on',
    }),
    evidenceId: meta(z.optional(z.string()), {
      description:
        'The evidence item it was registered as (EVD-n) when the message was recorded or accepted; absent past the first 20 attachments of a message',
    }),
  }),
  { id: 'InboundAttachment' },
);
export type InboundAttachment = z.infer<typeof InboundAttachment>;

export const QUARANTINE_REASONS = ['unknown-sender', 'sender-not-authenticated'] as const;
export const QuarantineReason = meta(z.enum(QUARANTINE_REASONS), {
  description:
    'unknown-sender: From is no contact of an organization taking part in the incident; sender-not-authenticated: SES reported SPF or DKIM as failed',
});
export type QuarantineReason = z.infer<typeof QuarantineReason>;

export const INBOUND_STATUSES = ['recorded', 'quarantined', 'accepted', 'rejected'] as const;

export const InboundEmail = meta(
  z.object({
    id: meta(z.string(), {
      description: 'MAIL-<hash of the Message-ID>: one per message, duplicates dropped',
    }),
    incidentId: z.string(),
    status: z.enum(INBOUND_STATUSES),
    reason: meta(z.optional(QuarantineReason), { description: 'Why it was quarantined' }),
    from: z.string(),
    fromName: z.optional(z.string()),
    to: meta(z.string(), { description: 'The reply address it was sent to' }),
    subject: z.string(),
    text: meta(z.string(), { description: 'Plain-text body (at most 50,000 characters)' }),
    messageId: meta(z.optional(z.string()), { description: 'The Message-ID header' }),
    sentAt: meta(z.optional(TimestampOut), { description: 'The Date header' }),
    receivedAt: TimestampOut,
    rawKey: meta(z.string(), { description: 'Where the raw RFC 822 message is kept' }),
    attachments: z.array(InboundAttachment),
    contactId: meta(z.optional(z.string()), { description: 'The matched sender contact' }),
    organizationId: z.optional(z.string()),
    communicationId: meta(z.optional(z.string()), { description: 'Once recorded or accepted' }),
    flags: meta(z.optional(z.array(z.string())), {
      description: '`incident-closed`: received after the incident closed',
    }),
    decidedAt: z.optional(TimestampOut),
    decidedBy: z.optional(z.string()),
    decisionNote: z.optional(z.string()),
    version: z.number().check(z.int()),
  }),
  { id: 'InboundEmail' },
);
export type InboundEmail = z.infer<typeof InboundEmail>;

export const ListQuarantineQuery = z.strictObject({ ...PageQuery });
export type ListQuarantineQuery = z.infer<typeof ListQuarantineQuery>;

export const AcceptQuarantinedBody = meta(
  z.strictObject({
    organizationId: meta(z.optional(Id), {
      description:
        'Organization to attribute the message to; one taking part in the incident (default: none)',
    }),
    note: z.optional(Text(2000)),
  }),
  { id: 'AcceptQuarantinedEmail', description: 'Optional; the body may be empty' },
);
export type AcceptQuarantinedBody = z.infer<typeof AcceptQuarantinedBody>;

export const RejectQuarantinedBody = meta(z.strictObject({ note: z.optional(Text(2000)) }), {
  id: 'RejectQuarantinedEmail',
  description: 'Optional; the body may be empty',
});
export type RejectQuarantinedBody = z.infer<typeof RejectQuarantinedBody>;
