/**
 * Inbound e-mail: parsing real RFC 822 samples (multipart/mixed with a quoted-printable UTF-8 text
 * part, an HTML alternative and a base64 PDF; encoded-word subjects in UTF-8 and ISO-8859-1; an
 * HTML-only message) and the pure rules (reply address, token, sender match, the decision).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../shared/domain/inbound/parse.js';
import {
  bodyText,
  decideInbound,
  findReplyAddress,
  inboundEmailId,
  incidentReplyAddress,
  matchSender,
  newReplyToken,
  parseReplyAddress,
  replyAddress,
  tokenMatches,
} from '../../shared/domain/inbound/rules.js';
import { sample } from '../helpers/email-samples.js';

const TOKEN = 'a1b2c3d4e5f60718293a4b5c';
const address = { incidentId: 'INC-42', token: TOKEN };

describe('parseEmail (postal-mime) on real samples', () => {
  it('multipart/mixed: quoted-printable UTF-8 text, encoded-word subject and sender name, a base64 attachment', async () => {
    const parsed = await parseEmail(sample('reply-multipart.eml', address));
    expect(parsed.from).toBe('renee@acme.example');
    expect(parsed.fromName).toBe('Renée Dupré');
    expect(parsed.subject).toBe('Re: [TLP:AMBER] Rotate your API keys – résumé');
    expect(parsed.recipients).toEqual([`inc-INC-42+${TOKEN}@liaison.test`]);
    expect(parsed.messageId).toBe('<20261203050958.4242@mail.acme.example>');
    expect(parsed.inReplyTo).toBe('<MSG-previous@liaison.test>');
    expect(parsed.sentAt).toBe('2026-12-03T05:09:58.000Z');
    // the soft line break (`acc=\r\ness`) joined, =C3=A9 decoded
    expect(parsed.text).toContain('the résumé of the access review is attached');
    expect(parsed.html).toContain('<p>Bonjour,</p>');
    expect(parsed.attachments).toHaveLength(1);
    const [pdf] = parsed.attachments;
    expect(pdf?.name).toBe('access-review.pdf');
    expect(pdf?.type).toBe('application/pdf');
    expect(Buffer.from(pdf?.bytes ?? []).toString('latin1')).toMatch(/^%PDF-1\.4\n[\s\S]*%%EOF\n$/);
  });

  it('a plain 7bit message: the reply address found in Cc', async () => {
    const parsed = await parseEmail(sample('forged-sender.eml', address));
    expect(parsed.from).toBe('mallory@evil.example');
    expect(parsed.recipients).toEqual(['security@liaison.test', `inc-INC-42+${TOKEN}@liaison.test`]);
    expect(parsed.attachments).toEqual([]);
    expect(findReplyAddress(parsed.recipients, 'liaison.test')).toMatchObject({ token: TOKEN });
  });

  it('HTML only in ISO-8859-1: the subject decoded, the text taken from the HTML', async () => {
    const parsed = await parseEmail(sample('html-latin1.eml', address));
    expect(parsed.subject).toBe('Statut après clôture');
    expect(parsed.text).toBeUndefined();
    expect(bodyText(parsed.text, parsed.html)).toBe('We found one more host.\nRegards,\nGlobex SOC');
  });

  it('a message without From or Subject still parses', async () => {
    const parsed = await parseEmail('To: someone@liaison.test\r\n\r\nhello\r\n');
    expect(parsed).toMatchObject({ from: '', subject: '(no subject)', attachments: [] });
  });
});

describe('reply address and token', () => {
  it('round-trips inc-<id>+<token>@<domain>; case of the domain and token does not matter', () => {
    const a = replyAddress('INC-7f3a', TOKEN, 'liaison.test');
    expect(a).toBe(`inc-INC-7f3a+${TOKEN}@liaison.test`);
    expect(parseReplyAddress(a, 'liaison.test')).toEqual({ incidentId: 'INC-7f3a', token: TOKEN });
    expect(parseReplyAddress(a.toUpperCase().replace('INC-INC', 'inc-INC'), 'LIAISON.test')).toMatchObject({
      token: TOKEN,
    });
  });

  it('refuses another domain, a missing or malformed token', () => {
    expect(parseReplyAddress(`inc-INC-1+${TOKEN}@other.example`, 'liaison.test')).toBeUndefined();
    expect(parseReplyAddress('inc-INC-1@liaison.test', 'liaison.test')).toBeUndefined();
    expect(parseReplyAddress('inc-INC-1+abc@liaison.test', 'liaison.test')).toBeUndefined();
    expect(findReplyAddress(['security@liaison.test'], 'liaison.test')).toBeUndefined();
  });

  it('a token is 24 hex characters, new each time; comparison is exact', () => {
    const t = newReplyToken();
    expect(t).toMatch(/^[0-9a-f]{24}$/);
    expect(newReplyToken()).not.toBe(t);
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t, TOKEN)).toBe(false);
    expect(tokenMatches(undefined, t)).toBe(false);
    expect(tokenMatches(t, t.slice(0, 23))).toBe(false);
  });

  it('an incident has a reply address only with a token and a domain', () => {
    expect(incidentReplyAddress({ id: 'INC-1', replyToken: TOKEN }, 'liaison.test')).toBe(
      `inc-INC-1+${TOKEN}@liaison.test`,
    );
    expect(incidentReplyAddress({ id: 'INC-1' }, 'liaison.test')).toBeUndefined();
    expect(incidentReplyAddress({ id: 'INC-1', replyToken: TOKEN }, undefined)).toBeUndefined();
  });

  it('the inbound id comes from the Message-ID (else the bytes): a redelivery has the same id', () => {
    const raw = new TextEncoder().encode('x');
    expect(inboundEmailId('<a@b>', raw)).toBe(inboundEmailId(' <a@b> ', new Uint8Array([1])));
    expect(inboundEmailId(undefined, raw)).toBe(
      `MAIL-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`,
    );
    expect(inboundEmailId('<a@b>', raw)).not.toBe(inboundEmailId('<c@d>', raw));
  });
});

describe('sender and decision', () => {
  const contacts = [
    { id: 'CON-1', organizationId: 'ORG-A', channels: [{ type: 'sms', address: '+14155550100' }] },
    { id: 'CON-2', organizationId: 'ORG-A', channels: [{ type: 'email', address: 'Renee@Acme.example' }] },
    {
      id: 'CON-3',
      organizationId: 'ORG-B',
      channels: [{ type: 'email', address: 'old@globex.example' }],
      deletedAt: '2026-01-01T00:00:00Z',
    },
  ];

  it('matches a live contact by e-mail channel, case-insensitively', () => {
    expect(matchSender('renee@acme.example', contacts)?.id).toBe('CON-2');
    expect(matchSender('old@globex.example', contacts)).toBeUndefined(); // deleted
    expect(matchSender('+14155550100', contacts)).toBeUndefined(); // not an e-mail channel
    expect(matchSender('', contacts)).toBeUndefined();
  });

  it('records a known sender, flags a closed incident, quarantines unknown or unauthenticated senders', () => {
    expect(decideInbound({ senderKnown: true, incidentStatus: 'open' })).toEqual({
      kind: 'record',
      flags: [],
    });
    expect(decideInbound({ senderKnown: true, incidentStatus: 'closed' })).toEqual({
      kind: 'record',
      flags: ['incident-closed'],
    });
    expect(decideInbound({ senderKnown: false, incidentStatus: 'open' })).toEqual({
      kind: 'quarantine',
      reason: 'unknown-sender',
    });
    expect(
      decideInbound({
        senderKnown: true,
        incidentStatus: 'open',
        authentication: { spf: 'PASS', dkim: 'FAIL' },
      }),
    ).toEqual({ kind: 'quarantine', reason: 'sender-not-authenticated' });
    expect(
      decideInbound({
        senderKnown: true,
        incidentStatus: 'open',
        authentication: { spf: 'GRAY', dkim: 'PASS' },
      }),
    ).toEqual({ kind: 'record', flags: [] });
  });

  it('bounds the body text', () => {
    expect(bodyText('x'.repeat(60_000), undefined)).toHaveLength(50_000);
    expect(bodyText(undefined, undefined)).toBe('(no text)');
  });
});
