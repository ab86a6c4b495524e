/**
 * RFC 822 / MIME parsing of an inbound message with postal-mime (docs/dependencies.md): the SES
 * Lambda and the local endpoint both call `parseEmail`, so a message is read the same way in AWS
 * and locally (multipart, quoted-printable, base64, RFC 2047 encoded-word headers, UTF-8).
 */
import PostalMime, { type Address } from 'postal-mime';

export interface ParsedAttachment {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

export interface ParsedEmail {
  readonly from: string;
  readonly fromName?: string;
  /** To, Cc and Delivered-To addresses (as written: the incident id in a reply address keeps its case). */
  readonly recipients: readonly string[];
  readonly subject: string;
  readonly text?: string;
  readonly html?: string;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  /** The Date header as an ISO instant, when it parses. */
  readonly sentAt?: string;
  readonly attachments: readonly ParsedAttachment[];
}

/** Mailboxes of an address list, groups flattened. */
function mailboxes(list: readonly Address[] | Address | undefined): { address: string; name: string }[] {
  const all = list === undefined ? [] : Array.isArray(list) ? list : [list];
  return all.flatMap((a) =>
    a.group
      ? a.group.map((m: { address: string; name: string }) => ({ address: m.address, name: m.name }))
      : [{ address: a.address ?? '', name: a.name }],
  );
}

const toBytes = (content: ArrayBuffer | Uint8Array | string): Uint8Array =>
  typeof content === 'string'
    ? new TextEncoder().encode(content)
    : content instanceof Uint8Array
      ? content
      : new Uint8Array(content);

/** Parses a raw message; a message without a From address is still parsed (`from` empty). */
export async function parseEmail(raw: Uint8Array | string): Promise<ParsedEmail> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  const from = mailboxes(email.from)[0];
  const recipients = [
    ...mailboxes(email.to).map((m) => m.address),
    ...mailboxes(email.cc).map((m) => m.address),
    ...(email.deliveredTo ? [email.deliveredTo] : []),
  ]
    .map((a) => a.trim())
    .filter((a) => a);
  const sentAt = email.date ? new Date(email.date) : undefined;
  return {
    from: (from?.address ?? '').toLowerCase(),
    ...(from?.name ? { fromName: from.name } : {}),
    recipients: [...new Set(recipients)],
    subject: email.subject?.trim() || '(no subject)',
    ...(email.text !== undefined ? { text: email.text } : {}),
    ...(email.html !== undefined ? { html: email.html } : {}),
    ...(email.messageId ? { messageId: email.messageId } : {}),
    ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
    ...(sentAt && !Number.isNaN(sentAt.getTime()) ? { sentAt: sentAt.toISOString() } : {}),
    attachments: email.attachments
      .filter((a) => a.disposition === 'attachment' || a.filename)
      .map((a, i) => ({
        name: a.filename || `attachment-${i + 1}`,
        type: a.mimeType || 'application/octet-stream',
        bytes: toBytes(a.content),
      })),
  };
}
