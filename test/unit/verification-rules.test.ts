import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readVerificationConfig } from '../../shared/config.js';
import {
  addDays,
  countStatuses,
  expiresSoon,
  hashToken,
  isVerifiedPrimary,
  mapLimit,
  newToken,
  organizationsWithoutVerifiedPrimary,
  sendTimes,
  sweepAction,
  TOKEN_PATTERN,
  tokenExpired,
  type VerifiableContact,
} from '../../shared/domain/verification/rules.js';
import { rateBucket } from '../../shared/domain/verification/service.js';
import { ID_PATTERN } from '../../shared/schemas/common.js';

const NOW = new Date('2030-03-04T09:00:00.000Z');

const contact = (over: Partial<VerifiableContact> = {}): VerifiableContact & { dimension: string } => ({
  id: 'CON-1',
  organizationId: 'ORG-1',
  deletedAt: null,
  verificationStatus: 'pending',
  verificationIntervalDays: 90,
  nextVerificationDue: '2030-03-01T00:00:00.000Z',
  channels: [{ priority: 'primary' }],
  dimension: 'external',
  ...over,
});

describe('verification tokens', () => {
  it('are 256 random bits, base64url, valid path parameters, hashed with SHA-256', () => {
    const { token, hash } = newToken();
    expect(token).toMatch(TOKEN_PATTERN);
    expect(token).toMatch(ID_PATTERN);
    expect(Buffer.from(token.slice(1), 'base64url')).toHaveLength(32);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).not.toContain(token);
    expect(hashToken(token)).toBe(hash);
  });

  it('differ every time (the random source is used)', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newToken().token));
    expect(tokens.size).toBe(200);
    const fixed = newToken(() => Buffer.alloc(32, 7));
    expect(fixed.token).toBe(`v${Buffer.alloc(32, 7).toString('base64url')}`);
  });

  it('expire at their expiry instant (exclusive)', () => {
    expect(tokenExpired('2030-03-04T09:00:00.000Z', NOW)).toBe(true);
    expect(tokenExpired('2030-03-04T09:00:00.001Z', NOW)).toBe(false);
  });

  it('sendTimes: token expiry and stale deadline from the configured days', () => {
    expect(sendTimes(NOW, { tokenDays: 14, graceDays: 10 })).toEqual({
      sentAt: '2030-03-04T09:00:00.000Z',
      tokenExpiresAt: '2030-03-18T09:00:00.000Z',
      staleAt: '2030-03-14T09:00:00.000Z',
    });
  });
});

describe('what the sweep does with a contact', () => {
  it('sends when due and nothing is outstanding', () => {
    expect(sweepAction(contact(), NOW)).toBe('send');
    expect(sweepAction(contact({ nextVerificationDue: NOW.toISOString() }), NOW)).toBe('send');
    expect(sweepAction(contact({ verificationStatus: 'verified' }), NOW)).toBe('send');
  });

  it('does nothing before the due date, nor for a deleted contact', () => {
    expect(sweepAction(contact({ nextVerificationDue: '2030-03-04T09:00:00.001Z' }), NOW)).toBe('none');
    expect(sweepAction(contact({ deletedAt: '2030-01-01T00:00:00Z' }), NOW)).toBe('none');
  });

  it('waits while a verification is outstanding and in grace, then marks it stale', () => {
    const outstanding = contact({ verificationStaleAt: '2030-03-05T00:00:00.000Z' });
    expect(sweepAction(outstanding, NOW)).toBe('none');
    expect(sweepAction(outstanding, new Date('2030-03-05T00:00:00.000Z'))).toBe('stale');
    expect(sweepAction(outstanding, new Date('2030-04-01T00:00:00.000Z'))).toBe('stale');
  });

  it('a stale contact is sent a new verification when its next round is due', () => {
    const stale = contact({ verificationStatus: 'stale', verificationStaleAt: null });
    expect(sweepAction(stale, NOW)).toBe('send');
  });
});

describe('directory flags', () => {
  it('a verified primary contact: live, verified, with a primary channel', () => {
    expect(isVerifiedPrimary(contact({ verificationStatus: 'verified' }))).toBe(true);
    expect(isVerifiedPrimary(contact())).toBe(false);
    expect(isVerifiedPrimary(contact({ verificationStatus: 'stale' }))).toBe(false);
    expect(
      isVerifiedPrimary(contact({ verificationStatus: 'verified', channels: [{ priority: 'backup' }] })),
    ).toBe(false);
    expect(
      isVerifiedPrimary(contact({ verificationStatus: 'verified', deletedAt: '2030-01-01T00:00:00Z' })),
    ).toBe(false);
  });

  it('organizations without a verified primary contact, in the given order', () => {
    const contacts = [
      contact({ id: 'A', organizationId: 'ORG-A', verificationStatus: 'verified' }),
      contact({ id: 'B', organizationId: 'ORG-B', verificationStatus: 'stale' }),
      contact({ id: 'C', organizationId: 'ORG-B', verificationStatus: 'pending' }),
    ];
    expect(organizationsWithoutVerifiedPrimary(['ORG-C', 'ORG-B', 'ORG-A'], contacts)).toEqual([
      'ORG-C',
      'ORG-B',
    ]);
  });

  it('agreements expiring within 30 days (valid ones only; open-ended never)', () => {
    const base = { signedAt: '2029-01-01T00:00:00Z', tlpCeiling: 'AMBER' as const };
    expect(expiresSoon({ ...base, expiresAt: addDays(NOW.toISOString(), 30) }, NOW)).toBe(true);
    expect(expiresSoon({ ...base, expiresAt: addDays(NOW.toISOString(), 1) }, NOW)).toBe(true);
    expect(expiresSoon({ ...base, expiresAt: addDays(NOW.toISOString(), 31) }, NOW)).toBe(false);
    expect(expiresSoon({ ...base, expiresAt: null }, NOW)).toBe(false);
    expect(expiresSoon({ ...base, expiresAt: addDays(NOW.toISOString(), -1) }, NOW)).toBe(false);
    expect(
      expiresSoon(
        { ...base, expiresAt: addDays(NOW.toISOString(), 5), revokedAt: '2030-01-01T00:00:00Z' },
        NOW,
      ),
    ).toBe(false);
  });

  it('counts statuses per organization and dimension, live contacts only', () => {
    const counts = countStatuses([
      contact({ id: 'A', verificationStatus: 'verified' }),
      {
        ...contact({ id: 'B', organizationId: 'ORG-2', verificationStatus: 'stale' }),
        dimension: 'vertical',
      },
      contact({ id: 'C' }),
      contact({ id: 'D', deletedAt: '2030-01-01T00:00:00Z' }),
    ]);
    expect(counts.total).toEqual({ verified: 1, pending: 1, stale: 1 });
    expect(counts.byOrganization).toEqual({
      'ORG-1': { verified: 1, pending: 1, stale: 0 },
      'ORG-2': { verified: 0, pending: 0, stale: 1 },
    });
    expect(counts.byDimension).toEqual({
      vertical: { verified: 0, pending: 0, stale: 1 },
      horizontal: { verified: 0, pending: 0, stale: 0 },
      external: { verified: 1, pending: 1, stale: 0 },
    });
  });
});

describe('bounded concurrency and rate-limit buckets', () => {
  it('mapLimit keeps at most `limit` calls in flight and the input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit(
      Array.from({ length: 50 }, (_, i) => i),
      16,
      async (n) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return n * 2;
      },
    );
    expect(peak).toBe(16);
    expect(out).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
  });

  it('a bucket is the IP hash and the window start; the IP is not in it', () => {
    const a = rateBucket('203.0.113.7', NOW, 900);
    expect(a.bucket).not.toContain('203.0.113.7');
    expect(a.bucket).toMatch(/^[0-9a-f]{32}#\d+$/);
    expect(rateBucket('203.0.113.7', new Date(NOW.getTime() + 1000), 900).bucket).toBe(a.bucket);
    expect(rateBucket('203.0.113.8', NOW, 900).bucket).not.toBe(a.bucket);
    expect(rateBucket('203.0.113.7', new Date(NOW.getTime() + 900_000), 900).bucket).not.toBe(a.bucket);
  });

  it('configuration: defaults, grace defaults to token days, bad values fail', () => {
    expect(readVerificationConfig({})).toEqual({
      tokenDays: 14,
      graceDays: 14,
      publicBaseUrl: 'http://127.0.0.1:3000',
      maxFailures: 10,
      windowSeconds: 900,
    });
    expect(
      readVerificationConfig({
        LIAISON_VERIFICATION_TOKEN_DAYS: '7',
        LIAISON_PUBLIC_BASE_URL: 'https://abc.execute-api.eu-west-1.amazonaws.com/',
      }),
    ).toMatchObject({
      tokenDays: 7,
      graceDays: 7,
      publicBaseUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
    });
    expect(() => readVerificationConfig({ LIAISON_VERIFICATION_GRACE_DAYS: '0' })).toThrow(/GRACE_DAYS/);
    expect(() => readVerificationConfig({ LIAISON_PUBLIC_BASE_URL: 'ftp://x' })).toThrow(/PUBLIC_BASE_URL/);
  });
});
