import { describe, expect, it } from 'vitest';
import {
  ACK_TOKEN_PATTERN,
  acknowledgeHint,
  acknowledgementUrl,
  ackTokenState,
  newAckToken,
} from '../../shared/domain/escalation/ack-links.js';
import { hashToken, TOKEN_PATTERN } from '../../shared/domain/verification/rules.js';
import { escapeHtml, HTML_HEADERS, renderPage } from '../../shared/http/html.js';

const NOW = new Date('2030-03-04T09:00:00Z');
const fixed = (byte: number) => (n: number) => Buffer.alloc(n, byte);

describe('acknowledgement tokens', () => {
  it('are a + 256 random bits in base64url (44 characters), distinct from verification tokens', () => {
    const { token, hash } = newAckToken(fixed(0xff));
    expect(token).toHaveLength(44);
    expect(token).toMatch(ACK_TOKEN_PATTERN);
    expect(token).not.toMatch(TOKEN_PATTERN);
    expect(hash).toBe(hashToken(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(newAckToken(fixed(1)).token).not.toBe(token);
    expect(ACK_TOKEN_PATTERN.test(`v${token.slice(1)}`)).toBe(false);
    expect(ACK_TOKEN_PATTERN.test(token.slice(0, -1))).toBe(false);
  });

  it('are judged unknown → used → expired → usable, expiry exclusive', () => {
    const valid = { tokenExpiresAt: '2030-03-11T09:00:00.000Z' };
    expect(ackTokenState(undefined, NOW)).toBe('unknown');
    expect(ackTokenState(valid, NOW)).toBe('usable');
    expect(ackTokenState({ ...valid, usedAt: '2030-03-04T08:00:00Z' }, NOW)).toBe('used');
    // Used AND expired: "used" (the more useful answer to a real holder).
    expect(ackTokenState({ ...valid, usedAt: 'x' }, new Date('2031-01-01T00:00:00Z'))).toBe('used');
    expect(ackTokenState(valid, new Date('2030-03-11T09:00:00.000Z'))).toBe('expired');
    expect(ackTokenState(valid, new Date('2030-03-11T08:59:59.999Z'))).toBe('usable');
  });

  it('links are absolute, and the notice names no relative path', () => {
    expect(acknowledgementUrl('https://api.example', 'aXYZ')).toBe('https://api.example/acknowledge/aXYZ');
    const hint = acknowledgeHint('https://api.example', 'INC-2');
    expect(hint).toContain('https://api.example/acknowledge/');
    expect(hint).toContain('POST https://api.example/incidents/INC-2/acknowledge');
    expect(hint).not.toMatch(/POST \/incidents/);
  });
});

describe('public pages', () => {
  it('escape what they show and carry no script or external asset', () => {
    const html = renderPage({
      title: 'Acknowledge <b>INC-1</b>',
      paragraphs: ['"quoted" & <script>alert(1)</script>'],
      form: { button: 'Go', field: { name: 'note', label: 'Note', maxLength: 10 } },
    });
    expect(html).toContain('Acknowledge &lt;b&gt;INC-1&lt;/b&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;script&gt;');
    expect(html).not.toMatch(/<script|src=|href=|https?:/);
    expect(html).toContain('<form method="post">');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });

  it('are never framed, cached or referred, and load nothing', () => {
    expect(HTML_HEADERS).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'none'"),
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(HTML_HEADERS['content-security-policy']).toContain("form-action 'self'");
    expect(HTML_HEADERS['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
