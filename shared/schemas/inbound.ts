/**
 * Inbound e-mail (docs/inbound-email.md): replies to an incident's reply address, recorded as
 * inbound communications or held in quarantine for a coordinator.
 */
import { z } from 'zod';
import { Id, PageQuery, Text, TimestampOut } from './common.js';

export const InboundAttachment = z
  .object({
    name: z.string(),
    type: z.string().meta({ description: 'MIME type as sent' }),
    size: z.number().int().meta({ description: 'Bytes' }),
    sha256: z.string().meta({ description: 'Hex SHA-256 of the bytes' }),
    key: z.string().meta({
      description: 'Where the bytes are kept (the inbound bucket in AWS, .liaison/inbound/ locally)',
    }),
  })
  .meta({ id: 'InboundAttachment' });
export type InboundAttachment = z.infer<typeof InboundAttachment>;

export const QUARANTINE_REASONS = ['unknown-sender', 'sender-not-authenticated'] as const;
export const QuarantineReason = z.enum(QUARANTINE_REASONS).meta({
  description:
    'unknown-sender: From is no contact of an organization taking part in the incident; sender-not-authenticated: SES reported SPF or DKIM as failed',
});
export type QuarantineReason = z.infer<typeof QuarantineReason>;

export const INBOUND_STATUSES = ['recorded', 'quarantined', 'accepted', 'rejected'] as const;

export const InboundEmail = z
  .object({
    id: z
      .string()
      .meta({ description: 'MAIL-<hash of the Message-ID>: one per message, duplicates dropped' }),
    incidentId: z.string(),
    status: z.enum(INBOUND_STATUSES),
    reason: QuarantineReason.optional().meta({ description: 'Why it was quarantined' }),
    from: z.string(),
    fromName: z.string().optional(),
    to: z.string().meta({ description: 'The reply address it was sent to' }),
    subject: z.string(),
    text: z.string().meta({ description: 'Plain-text body (at most 50,000 characters)' }),
    messageId: z.string().optional().meta({ description: 'The Message-ID header' }),
    sentAt: TimestampOut.optional().meta({ description: 'The Date header' }),
    receivedAt: TimestampOut,
    rawKey: z.string().meta({ description: 'Where the raw RFC 822 message is kept' }),
    attachments: z.array(InboundAttachment),
    contactId: z.string().optional().meta({ description: 'The matched sender contact' }),
    organizationId: z.string().optional(),
    communicationId: z.string().optional().meta({ description: 'Once recorded or accepted' }),
    flags: z
      .array(z.string())
      .optional()
      .meta({ description: '`incident-closed`: received after the incident closed' }),
    decidedAt: TimestampOut.optional(),
    decidedBy: z.string().optional(),
    decisionNote: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'InboundEmail' });
export type InboundEmail = z.infer<typeof InboundEmail>;

export const ListQuarantineQuery = z.strictObject({ ...PageQuery });
export type ListQuarantineQuery = z.infer<typeof ListQuarantineQuery>;

export const AcceptQuarantinedBody = z
  .strictObject({
    organizationId: Id.optional().meta({
      description:
        'Organization to attribute the message to; one taking part in the incident (default: none)',
    }),
    note: Text(2000).optional(),
  })
  .meta({ id: 'AcceptQuarantinedEmail', description: 'Optional; the body may be empty' });
export type AcceptQuarantinedBody = z.infer<typeof AcceptQuarantinedBody>;

export const RejectQuarantinedBody = z
  .strictObject({ note: Text(2000).optional() })
  .meta({ id: 'RejectQuarantinedEmail', description: 'Optional; the body may be empty' });
export type RejectQuarantinedBody = z.infer<typeof RejectQuarantinedBody>;
