/**
 * Contact-directory verification end to end on the local stack (docs/verification.md): the sweep
 * (the real Scheduler target, invoked directly or by the local Scheduler) sends each due contact a
 * single-use link through its organization's topic (SMS mailbox of the local SNS), the link is
 * confirmed over HTTP, expired and used tokens are refused, unconfirmed contacts turn stale and
 * their organization's owner and the coordination group are told, a second sweep sends nothing, a
 * cut-off sweep resumes, and GET /directory/health reports the numbers. Time is a controlled clock.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as sweep } from '../../functions/scheduled/verification-sweep.js';
import { verificationKeys } from '../../shared/db/keys.js';
import { defaultDeps } from '../../shared/deps.js';
import { attemptPublish } from '../../shared/domain/notifications/delivery.js';
import { publishDirect } from '../../shared/domain/notifications/notice.js';
import { hashToken } from '../../shared/domain/verification/rules.js';
import { runVerificationSweep } from '../../shared/domain/verification/sweep.js';
import { notifyDeps } from '../../shared/notify-deps.js';
import { type ControlledClock, controlledClock } from '../helpers/clock.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

let clock: ControlledClock;
let stack: LocalStack;
const T0 = '2030-03-04T09:00:00.000Z';
const phones: Record<string, string> = {};
let nextPhone = 4155550100;

// Tokens are signed per request: the controlled clock moves days ahead, a token lives an hour.
const post = (path: string, body: unknown) => stack.request('POST', path, { body, role: 'coordinator' });
const get = (path: string, role = 'coordinator') => stack.request('GET', path, { role });
const settle = () => stack.sns.flush();

/** Messages a contact's SMS channel received (parsed), optionally of one kind. */
function inbox(contactId: string, kind?: string): Record<string, unknown>[] {
  return stack.sns
    .mailbox({ to: phones[contactId] as string })
    .filter((m) => m.type === 'Notification')
    .map((m) => JSON.parse(m.message) as Record<string, unknown>)
    .filter((m) => kind === undefined || m.kind === kind);
}

const tokenOf = (message: Record<string, unknown> | undefined): string => {
  const url = String((message?.verification as { url?: string } | undefined)?.url);
  const token = url.split('/verify/')[1];
  if (!token) throw new Error(`no verification link in ${JSON.stringify(message)}`);
  return token;
};

async function contact(id: string, organizationId: string, stakeholderGroup: string, intervalDays = 30) {
  phones[id] = `+1${nextPhone++}`;
  const res = await post('/contacts', {
    id,
    organizationId,
    name: `Contact ${id}`,
    stakeholderGroup,
    channels: [{ type: 'sms', address: phones[id], priority: 'primary' }],
    verificationIntervalDays: intervalDays,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** The sweep as the Scheduler runs it, with plenty of time left. */
const runSweep = async () => {
  const result = await sweep({}, { getRemainingTimeInMillis: () => 600_000 });
  await settle();
  return result;
};

beforeAll(async () => {
  clock = controlledClock(T0);
  stack = await startLocalStack({ sns: true, scheduler: { clock: clock.now } });
  for (const [id, kind] of [
    ['ORG-INT', 'internal'],
    ['ORG-P1', 'partner'],
    ['ORG-P2', 'partner'],
  ] as const) {
    expect((await post('/organizations', { id, name: id, kind })).status).toBe(201);
  }
  const agreement = await post('/organizations/ORG-P1/agreements', {
    type: 'nda',
    reference: 'NDA-P1',
    signedAt: '2029-01-01T00:00:00Z',
    expiresAt: '2030-05-03T09:00:00Z', // T0 + 60 days
    tlpCeiling: 'AMBER',
  });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
  await contact('CON-OWNER', 'ORG-INT', 'management');
  await contact('CON-COORD', 'ORG-INT', 'coordination');
  await contact('CON-P1A', 'ORG-P1', 'partners');
  await contact('CON-P1B', 'ORG-P1', 'partners');
  const owner = await stack.request('PATCH', '/organizations/ORG-P1', {
    body: { ownerContactId: 'CON-OWNER' },
    role: 'coordinator',
  });
  expect(owner.status, JSON.stringify(owner.body)).toBe(200);
  await settle();
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  clock?.restore();
});

describe('periodic contact-directory verification', () => {
  it('sends nothing before anyone is due', async () => {
    clock.advance('P29D');
    const result = await runSweep();
    expect(result.counts).toMatchObject({ due: 0, sent: 0 });
    expect(inbox('CON-P1A', 'contact.verification')).toEqual([]);
  });

  it('sends every due contact one single-use link through its organization topic, to it only', async () => {
    clock.set('2030-04-04T09:00:00.000Z'); // T0 + 31 days: every contact (interval 30) is due
    const publishes = stack.sns.calls('Publish');
    const result = await runSweep();
    expect(result).toMatchObject({ status: 'done', counts: { due: 4, sent: 4, skipped: 0, failed: 0 } });
    for (const id of ['CON-OWNER', 'CON-COORD', 'CON-P1A', 'CON-P1B']) {
      const messages = inbox(id, 'contact.verification');
      expect(messages, id).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        kind: 'contact.verification',
        recipients: [id],
        contact: { id },
        verification: {
          url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3000\/verify\/v[A-Za-z0-9_-]{43}$/),
          method: 'POST',
          expiresAt: '2030-04-18T09:00:00.000Z',
        },
      });
    }
    // 4 links + 1 flags message to the coordination group (ORG-P2 has no verified primary contact).
    expect(stack.sns.calls('Publish') - publishes).toBe(5);
    // The token is stored only as its SHA-256.
    const token = tokenOf(inbox('CON-P1A', 'contact.verification')[0]);
    expect(await stack.snapshot()).not.toContain(token);
    const item = await stack.documentClient.send(
      new GetCommand({ TableName: stack.tableName, Key: verificationKeys.token(hashToken(token)) }),
    );
    expect(item.Item).toMatchObject({ contactId: 'CON-P1A', tokenExpiresAt: '2030-04-18T09:00:00.000Z' });
    expect(typeof item.Item?.expiresAt).toBe('number');
  });

  it('a second sweep in the same round sends nothing', async () => {
    clock.advance('PT1H');
    const result = await runSweep();
    expect(result.counts).toMatchObject({ sent: 0, failed: 0 });
    for (const id of ['CON-OWNER', 'CON-COORD', 'CON-P1A', 'CON-P1B']) {
      expect(inbox(id, 'contact.verification'), id).toHaveLength(1);
    }
  });

  it('the message points to the confirmation page; GET shows it and does not use the token', async () => {
    const message = inbox('CON-P1A', 'contact.verification')[0];
    const url = String((message?.verification as { url: string } | undefined)?.url);
    expect(String(message?.content)).toContain(`open the confirmation page ${url}`);
    for (let i = 0; i < 2; i++) {
      const page = await stack.request('GET', `/verify/${tokenOf(message)}`);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toBe(
        "default-src 'none'; form-action 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(String(page.body)).toContain('Contact CON-P1A');
      expect(String(page.body)).toContain(`sms: ${phones['CON-P1A']}`);
      expect(String(page.body)).toContain('<form method="post">');
    }
    expect((await get('/contacts/CON-P1A')).body.verificationStatus).toBe('pending');
    const unknown = await stack.request('GET', `/verify/v${'B'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^text\/html/);
  });

  it('confirms a contact by its link over HTTP, once; an unknown token is 404', async () => {
    for (const id of ['CON-OWNER', 'CON-COORD', 'CON-P1A']) {
      const body = id === 'CON-P1A' ? { comment: 'New mobile number from June' } : {};
      const res = await stack.request('POST', `/verify/${tokenOf(inbox(id, 'contact.verification')[0])}`, {
        body,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({
        verified: true,
        verifiedAt: '2030-04-04T10:00:00.000Z',
        nextVerificationDue: '2030-05-04T10:00:00.000Z',
      });
    }
    const withComment = await get('/contacts/CON-OWNER');
    expect(withComment.body.verificationComment).toBeUndefined();
    const detail = await get('/contacts/CON-P1A');
    expect(detail.body).toMatchObject({
      verificationComment: 'New mobile number from June',
      verificationStatus: 'verified',
      lastVerifiedAt: '2030-04-04T10:00:00.000Z',
      nextVerificationDue: '2030-05-04T10:00:00.000Z',
    });
    const again = await stack.request(
      'POST',
      `/verify/${tokenOf(inbox('CON-P1A', 'contact.verification')[0])}`,
      {},
    );
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('VERIFICATION_TOKEN_USED');
    const unknown = await stack.request('POST', `/verify/v${'A'.repeat(43)}`, {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('VERIFICATION_TOKEN_NOT_FOUND');
    expect(JSON.stringify(unknown.body)).not.toContain('CON-');
  });

  it('refuses an expired token (410) and leaves the contact pending', async () => {
    clock.set('2030-04-19T09:00:00.000Z'); // token of CON-P1B expired 2030-04-18T09:00Z
    const res = await stack.request(
      'POST',
      `/verify/${tokenOf(inbox('CON-P1B', 'contact.verification')[0])}`,
      {},
    );
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('VERIFICATION_TOKEN_EXPIRED');
    expect((await get('/contacts/CON-P1B')).body.verificationStatus).toBe('pending');
  });

  it('past the grace period: stale, and the owner and the coordination group are told once', async () => {
    const result = await runSweep();
    expect(result.counts).toMatchObject({ due: 1, sent: 0, stale: 1, failed: 0 });
    expect((await get('/contacts/CON-P1B')).body.verificationStatus).toBe('stale');
    const told = inbox('CON-OWNER', 'directory.contacts-stale');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      organization: { id: 'ORG-P1' },
      staleContacts: [{ id: 'CON-P1B', name: 'Contact CON-P1B' }],
      ownerContactId: 'CON-OWNER',
      recipients: expect.arrayContaining(['CON-OWNER', 'CON-COORD']),
    });
    // One message (same id) reached both: one Publish for the organization.
    expect(inbox('CON-COORD', 'directory.contacts-stale').map((m) => m.messageId)).toEqual([
      told[0]?.messageId,
    ]);
    expect(inbox('CON-P1A', 'directory.contacts-stale')).toEqual([]);
    const flags = inbox('CON-COORD', 'directory.flags').at(-1);
    expect(flags).toMatchObject({
      organizationsWithoutVerifiedPrimary: [{ organizationId: 'ORG-P2' }],
      expiringAgreements: [{ organizationId: 'ORG-P1', expiresAt: '2030-05-03T09:00:00.000Z' }],
    });
    // Nobody else is told again by the next sweep.
    await runSweep();
    expect(inbox('CON-OWNER', 'directory.contacts-stale')).toHaveLength(1);
  });

  it('GET /directory/health: counts per organization and dimension, flags, last sweep', async () => {
    const res = await get('/directory/health', 'viewer');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      asOf: '2030-04-19T09:00:00.000Z',
      total: { verified: 3, pending: 0, stale: 1 },
      byOrganization: [
        { organizationId: 'ORG-INT', verified: 2, pending: 0, stale: 0 },
        { organizationId: 'ORG-P1', verified: 1, pending: 0, stale: 1 },
      ],
      byDimension: {
        vertical: { verified: 1, pending: 0, stale: 0 },
        horizontal: { verified: 1, pending: 0, stale: 0 },
        external: { verified: 1, pending: 0, stale: 1 },
      },
      organizationsWithoutVerifiedPrimary: [{ organizationId: 'ORG-P2', name: 'ORG-P2' }],
      expiringAgreements: [{ organizationId: 'ORG-P1', type: 'nda', expiresAt: '2030-05-03T09:00:00.000Z' }],
      lastSweep: { counts: { due: 0, sent: 0, stale: 0, failed: 0 }, invocations: 1 },
      sweepInProgress: null,
    });
    expect((await get('/directory/health', 'partner')).status).toBe(403);
  });

  it('a sweep cut off between pages resumes where it stopped: every contact sent exactly once', async () => {
    for (let i = 1; i <= 5; i++) await contact(`CON-P2-${i}`, 'ORG-P2', 'partners', 1);
    clock.advance('P2D');
    const deps = defaultDeps();
    const notify = notifyDeps();
    let checks = 0;
    const cut = await runVerificationSweep(deps, {
      settings: { tokenDays: 14, graceDays: 14, publicBaseUrl: 'http://127.0.0.1:3000' },
      publish: (m) => publishDirect(deps, notify, m),
      deliver: (item) => attemptPublish(deps, notify, item),
      remainingMs: () => (++checks <= 2 ? 60_000 : 0), // two pages, then "out of time"
      reserveMs: 30_000,
      pageSize: 2,
    });
    if (cut.status !== 'partial') throw new Error(`expected a partial run, got ${cut.status}`);
    expect(cut.run).toMatchObject({ phase: 'due', pages: 2, counts: { sent: 4 } });
    const health = await get('/directory/health');
    expect(health.body.sweepInProgress).toMatchObject({ runId: cut.run.runId, phase: 'due' });

    const resumed = await runSweep();
    expect(resumed).toMatchObject({ status: 'done', runId: cut.run.runId, counts: { sent: 5 } });
    for (let i = 1; i <= 5; i++) {
      expect(inbox(`CON-P2-${i}`, 'contact.verification'), `CON-P2-${i}`).toHaveLength(1);
    }
  });

  it('a run cut off in the Scheduler schedules its own continuation, which completes it', async () => {
    clock.advance('P2D'); // the five ORG-P2 contacts are outstanding; CON-P1A, OWNER, COORD not yet due
    for (let i = 6; i <= 7; i++) await contact(`CON-P2-${i}`, 'ORG-P2', 'partners', 1);
    clock.advance('P2D');
    const remaining = [600_000, 600_000];
    const cut = await sweep({}, { getRemainingTimeInMillis: () => remaining.shift() ?? 0 });
    expect(cut).toMatchObject({ status: 'partial', counts: { sent: 2 } }); // pages done, report cut off
    const continuation = stack.scheduler.schedules().filter((s) => s.Name.startsWith('verification-sweep.'));
    expect(continuation).toHaveLength(1);
    clock.advance('PT2M');
    const fired = await stack.scheduler.tick();
    expect(fired.filter((f) => f.name.startsWith('verification-sweep.')).map((f) => f.ok)).toEqual([true]);
    await settle();
    const health = await get('/directory/health');
    expect(health.body).toMatchObject({
      sweepInProgress: null,
      lastSweep: { runId: cut.runId, invocations: 2, counts: { sent: 2 } },
    });
    for (const id of ['CON-P2-6', 'CON-P2-7']) expect(inbox(id, 'contact.verification')).toHaveLength(1);
    // A continuation firing after its run finished (e.g. a Scheduler retry) does nothing.
    const publishes = stack.sns.calls('Publish');
    expect(await sweep({ resume: cut.runId }, { getRemainingTimeInMillis: () => 600_000 })).toMatchObject({
      status: 'nothing-to-resume',
    });
    expect(stack.sns.calls('Publish')).toBe(publishes);
  });

  it('two sweeps running at the same time send each due contact one message', async () => {
    for (let i = 1; i <= 6; i++) await contact(`CON-RACE-${i}`, 'ORG-P2', 'partners', 1);
    clock.advance('P2D');
    const publishes = stack.sns.calls('Publish');
    const [a, b] = await Promise.all([
      sweep({}, { getRemainingTimeInMillis: () => 600_000 }),
      sweep({}, { getRemainingTimeInMillis: () => 600_000 }),
    ]);
    await settle();
    // Claims are exclusive: between them the two sweeps sent exactly the six due contacts.
    expect((a.counts?.sent ?? 0) + (b.counts?.sent ?? 0)).toBe(6);
    for (let i = 1; i <= 6; i++) {
      expect(inbox(`CON-RACE-${i}`, 'contact.verification'), `CON-RACE-${i}`).toHaveLength(1);
    }
    // Six links and one flags message per sweep (ORG-P2 still has no verified primary contact).
    expect(stack.sns.calls('Publish') - publishes).toBe(6 + 2);
  });

  it('limits failed attempts per IP and window (429), then lets the next window through', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (await stack.request('POST', `/verify/v${String(i).padStart(43, 'x')}`, {})).status;
    }
    expect(last).toBe(429);
    const valid = tokenOf(inbox('CON-P2-6', 'contact.verification')[0]);
    expect((await stack.request('POST', `/verify/${valid}`, {})).status).toBe(429);
    clock.advance('PT16M');
    expect((await stack.request('POST', `/verify/${valid}`, {})).status).toBe(200);
  });

  it('new channels make a contact pending again: the old link is superseded (410), the new address is asked', async () => {
    clock.advance('PT1H'); // a fresh rate-limit window
    await contact('CON-READDRESS', 'ORG-P1', 'partners', 1);
    clock.advance('P2D');
    await runSweep();
    const oldLink = tokenOf(inbox('CON-READDRESS', 'contact.verification')[0]);
    const oldPhone = phones['CON-READDRESS'] as string;
    const newPhone = `+1${nextPhone++}`;
    const changed = await stack.request('PATCH', '/contacts/CON-READDRESS', {
      body: { channels: [{ type: 'sms', address: newPhone, priority: 'primary' }] },
      role: 'coordinator',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ verificationStatus: 'pending' });
    const superseded = await stack.request('POST', `/verify/${oldLink}`, {});
    expect(superseded.status).toBe(410);
    expect(superseded.body.error.code).toBe('VERIFICATION_TOKEN_SUPERSEDED');
    expect((await get('/contacts/CON-READDRESS')).body.verificationStatus).toBe('pending');
    // The next sweep asks the new address, whose link confirms.
    phones['CON-READDRESS'] = newPhone;
    await runSweep();
    const newLink = tokenOf(inbox('CON-READDRESS', 'contact.verification')[0]);
    expect(newLink).not.toBe(oldLink);
    // Confirmed with the page's form: an HTML answer, the comment kept.
    const form = await stack.request('POST', `/verify/${newLink}`, {
      rawBody: 'comment=New+number',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status, String(form.body)).toBe(200);
    expect(form.headers['content-type']).toMatch(/^text\/html/);
    expect(String(form.body)).toContain('your details are confirmed');
    expect((await get('/contacts/CON-READDRESS')).body).toMatchObject({
      verificationStatus: 'verified',
      verificationComment: 'New number',
    });
    const reused = await stack.request('POST', `/verify/${newLink}`, { headers: { accept: 'text/html' } });
    expect(reused.status).toBe(410);
    expect(String(reused.body)).toContain('already used');
    expect(oldPhone).not.toBe(newPhone);
  });
});
