/**
 * Inbound e-mail rules (pure, docs/inbound-email.md): the incident reply address and its token,
 * who may write into an incident's communications log, and what becomes of a message.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { QuarantineReason } from '../../schemas/inbound.js';

/** Random bytes of a reply token (hex in the address: 24 characters, 96 bits). */
export const REPLY_TOKEN_BYTES = 12;

/** A new reply token, stored on the incident when it is created. */
export const newReplyToken = (): string => randomBytes(REPLY_TOKEN_BYTES).toString('hex');

/** `inc-<incidentId>+<token>@<domain>`. */
export const replyAddress = (incidentId: string, token: string, domain: string): string =>
  `inc-${incidentId}+${token}@${domain}`;

/** The reply address of an incident, when inbound e-mail is on and the incident has a token. */
export function incidentReplyAddress(
  incident: { readonly id: string; readonly replyToken?: string | undefined },
  domain: string | undefined,
): string | undefined {
  return domain && incident.replyToken ? replyAddress(incident.id, incident.replyToken, domain) : undefined;
}

const ADDRESS = /^inc-([A-Za-z0-9][A-Za-z0-9._-]{0,63})\+([0-9a-f]{24})@(.+)$/i;

/** Incident id and token of a reply address of `domain` (case-insensitive domain); else undefined. */
export function parseReplyAddress(
  address: string,
  domain: string,
): { incidentId: string; token: string } | undefined {
  const m = ADDRESS.exec(address.trim());
  if (!m?.[1] || !m[2] || m[3]?.toLowerCase() !== domain.toLowerCase()) return undefined;
  return { incidentId: m[1], token: m[2].toLowerCase() };
}

/** The first of `addresses` that is a reply address of `domain`. */
export function findReplyAddress(
  addresses: readonly string[],
  domain: string,
): { address: string; incidentId: string; token: string } | undefined {
  for (const address of addresses) {
    const parsed = parseReplyAddress(address, domain);
    if (parsed) return { address: address.trim(), ...parsed };
  }
  return undefined;
}

/** Whether `given` is the incident's token (constant time; no token on the incident: never). */
export function tokenMatches(stored: string | undefined, given: string): boolean {
  if (!stored) return false;
  const a = Buffer.from(stored, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The inbound item id of a message: a hash of its Message-ID (else of its bytes). */
export function inboundEmailId(messageId: string | undefined, raw: Uint8Array): string {
  const hash = createHash('sha256');
  hash.update(messageId ? `mid:${messageId.trim()}` : raw);
  return `MAIL-${hash.digest('hex').slice(0, 32)}`;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A contact as far as sender matching needs it. */
export interface SenderCandidate {
  readonly id: string;
  readonly organizationId: string;
  readonly channels: readonly { readonly type: string; readonly address: string }[];
  readonly deletedAt?: string | null;
}

/** The live contact whose e-mail channel is `from` (case-insensitive), among `candidates`. */
export function matchSender<C extends SenderCandidate>(
  from: string,
  candidates: readonly C[],
): C | undefined {
  const wanted = from.trim().toLowerCase();
  if (!wanted) return undefined;
  return candidates.find(
    (c) =>
      !c.deletedAt &&
      c.channels.some((ch) => ch.type === 'email' && ch.address.trim().toLowerCase() === wanted),
  );
}

/** SES's verdicts on a received message (absent locally). */
export interface Authentication {
  readonly spf?: string;
  readonly dkim?: string;
}

export type InboundDecision =
  | { readonly kind: 'record'; readonly flags: readonly string[] }
  | { readonly kind: 'quarantine'; readonly reason: QuarantineReason };

/**
 * What becomes of a message at a valid reply address: a known contact of an organization taking
 * part in the incident is recorded (after the incident closed: recorded and flagged
 * `incident-closed`, the incident is not reopened); an unknown sender, or one SES could not
 * authenticate (SPF or DKIM `FAIL`), is quarantined for a coordinator.
 */
export function decideInbound(input: {
  readonly senderKnown: boolean;
  readonly incidentStatus: string;
  readonly authentication?: Authentication | undefined;
}): InboundDecision {
  const failed = (v: string | undefined) => v?.toUpperCase() === 'FAIL';
  if (failed(input.authentication?.spf) || failed(input.authentication?.dkim)) {
    return { kind: 'quarantine', reason: 'sender-not-authenticated' };
  }
  if (!input.senderKnown) return { kind: 'quarantine', reason: 'unknown-sender' };
  return { kind: 'record', flags: input.incidentStatus === 'closed' ? ['incident-closed'] : [] };
}

/** Longest plain-text body kept (the communication's content limit). */
export const MAX_TEXT = 50_000;

/** The text of a message: its text part, else its HTML with the tags removed; bounded. */
export function bodyText(text: string | undefined, html: string | undefined): string {
  const plain =
    text?.trim() ||
    (html ?? '')
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
      .replace(/<br\s*\/?>|<\/p>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, ' ')
      .trim();
  return (plain || '(no text)').slice(0, MAX_TEXT);
}
