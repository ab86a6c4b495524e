/**
 * The directory over HTTP on the local stack: organizations (third parties included), sharing
 * agreements and the TLP ceiling, contacts (alternates, soft delete), templates (versions, approval,
 * preview). Rejected requests are shown to write nothing with a table snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { personas, requests } from '../helpers/personas.js';

let stack: LocalStack;
let coordinator: string;
let admin: string;
let responder: string;
let viewer: string;

const snapshot = () => stack.snapshot();

beforeAll(async () => {
  stack = await startLocalStack();
  ({ coordinator, admin, responder, viewer } = await personas(stack));
});
afterAll(async () => {
  await stack?.stop();
});

const { post, patch, get } = requests(
  () => stack,
  () => ({ write: coordinator, read: viewer }),
);
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

describe('organizations', () => {
  it('registers bodies of every kind, lists them with third parties, pages and filters by kind', async () => {
    const reg = await post('/organizations', {
      id: 'ORG-DPA',
      name: 'Data Protection Authority',
      kind: 'regulator',
      contactInfo: { email: 'breach@dpa.example' },
    });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ id: 'ORG-DPA', kind: 'regulator', version: 1 });
    expect(reg.body).not.toHaveProperty('createdBy');
    for (const [id, name, kind] of [
      ['ORG-CERT', 'National CERT', 'cert'],
      ['ORG-LEGAL', 'Legal department', 'internal'],
      ['ORG-BOARD', 'Board of directors', 'internal'],
    ])
      expect((await post('/organizations', { id, name, kind }, admin)).status).toBe(201);
    const generated = await post('/organizations', { name: 'Finance ISAC', kind: 'isac' });
    expect(generated.body.id).toMatch(/^ORG-/);
    expect((await post('/third-parties', { id: 'TP-DIR', name: 'Hosting Co', type: 'msp' })).status).toBe(
      201,
    );

    // every kind in one list, third parties included, by name
    const all = await get('/organizations?limit=100');
    expect(all.status).toBe(200);
    expect(all.body.items.map((o: { name: string }) => o.name)).toEqual([
      'Board of directors',
      'Data Protection Authority',
      'Finance ISAC',
      'Hosting Co',
      'Legal department',
      'National CERT',
    ]);
    expect(all.body.items.find((o: { id: string }) => o.id === 'TP-DIR')).toMatchObject({
      kind: 'supplier',
      incidentCount: 0,
      criticality: 'medium',
    });
    const page1 = await get('/organizations?limit=4');
    const page2 = await get(`/organizations?limit=4&cursor=${page1.body.nextCursor}`);
    expect([...ids(page1), ...ids(page2)]).toEqual(ids(all));
    expect(page2.body.nextCursor).toBeNull();
    expect(ids(await get('/organizations?kind=internal'))).toEqual(['ORG-BOARD', 'ORG-LEGAL']);
    expect(ids(await get('/organizations?kind=supplier'))).toEqual(['TP-DIR']);
    expect((await get(`/organizations?kind=cert&cursor=${page1.body.nextCursor}`)).status).toBe(400);

    // one id space: a third party is readable as an organization, and ids cannot collide
    expect((await get('/organizations/TP-DIR')).body).toMatchObject({ kind: 'supplier', type: 'msp' });
    expect((await post('/organizations', { id: 'TP-DIR', name: 'x', kind: 'partner' })).status).toBe(409);
    expect((await post('/third-parties', { id: 'ORG-DPA', name: 'x', type: 'saas' })).status).toBe(409);
    expect((await get('/organizations/ORG-404')).status).toBe(404);

    const changed = await patch('/organizations/ORG-LEGAL', { description: 'Legal and compliance' });
    expect(changed.body).toMatchObject({ description: 'Legal and compliance', version: 2, kind: 'internal' });
    const viaTp = await patch('/organizations/TP-DIR', { name: 'Renamed' });
    expect(viaTp.status).toBe(409);
    expect(viaTp.body.error.code).toBe('MANAGED_AS_THIRD_PARTY');
  });

  it('refuses bad input naming the field and writes nothing; viewers and responders may not write', async () => {
    const before = await snapshot();
    const supplier = await post('/organizations', { name: 'S', kind: 'supplier' });
    expect(supplier.status).toBe(400);
    expect(supplier.body.error.details).toEqual([
      { field: 'body.kind', message: expect.stringMatching(/third-parties/) },
    ]);
    const bad = await post('/organizations', { name: '', kind: 'alien', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'body.extra',
      'body.kind',
      'body.name',
    ]);
    expect((await patch('/organizations/ORG-DPA', { kind: 'cert' })).status).toBe(400);
    expect((await post('/organizations', { name: 'R', kind: 'cert' }, responder)).status).toBe(403);
    expect((await patch('/organizations/ORG-DPA', { name: 'V' }, viewer)).status).toBe(403);
    expect((await stack.request('GET', '/organizations')).status).toBe(401);
    expect(await snapshot()).toBe(before);
  });
});

describe('sharing agreements', () => {
  it('records agreements, derives the TLP ceiling from the valid ones, and revokes', async () => {
    const none = await get('/organizations/ORG-CERT/agreements');
    expect(none.body).toEqual({ items: [], effectiveTlpCeiling: 'GREEN' });

    const nda = await post('/organizations/ORG-CERT/agreements', {
      id: 'AGR-NDA',
      type: 'nda',
      reference: 'NDA-2024-17',
      signedAt: '2024-01-01T00:00:00+01:00',
      tlpCeiling: 'AMBER',
      handlingCaveats: 'No onward sharing',
    });
    expect(nda.status).toBe(201);
    expect(nda.body).toMatchObject({
      id: 'AGR-NDA',
      organizationId: 'ORG-CERT',
      signedAt: '2023-12-31T23:00:00.000Z',
      expiresAt: null,
      status: 'valid',
      createdBy: 'carol',
      revokedAt: null,
    });
    await post('/organizations/ORG-CERT/agreements', {
      id: 'AGR-OLD',
      type: 'mou',
      reference: 'MOU-2019',
      signedAt: '2019-01-01T00:00:00Z',
      expiresAt: '2020-01-01T00:00:00Z',
      tlpCeiling: 'RED',
    });
    const future = new Date(Date.now() + 86_400_000).toISOString();
    await post('/organizations/ORG-CERT/agreements', {
      id: 'AGR-NEXT',
      type: 'isac_membership',
      reference: 'ISAC-1',
      signedAt: future,
      tlpCeiling: 'RED',
    });
    const list = await get('/organizations/ORG-CERT/agreements');
    expect(list.body.effectiveTlpCeiling).toBe('AMBER');
    expect(
      Object.fromEntries(list.body.items.map((a: { id: string; status: string }) => [a.id, a.status])),
    ).toEqual({
      'AGR-NDA': 'valid',
      'AGR-OLD': 'expired',
      'AGR-NEXT': 'not_yet_valid',
    });

    const raised = await patch('/organizations/ORG-CERT/agreements/AGR-NDA', { tlpCeiling: 'AMBER+STRICT' });
    expect(raised.body).toMatchObject({ tlpCeiling: 'AMBER+STRICT', version: 2 });
    expect((await get('/organizations/ORG-CERT/agreements')).body.effectiveTlpCeiling).toBe('AMBER+STRICT');

    const revoked = await patch('/organizations/ORG-CERT/agreements/AGR-NDA', { revoke: true }, admin);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedBy: 'ada', version: 3 });
    expect((await get('/organizations/ORG-CERT/agreements')).body.effectiveTlpCeiling).toBe('GREEN');
    const again = await patch('/organizations/ORG-CERT/agreements/AGR-NDA', { tlpCeiling: 'RED' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('AGREEMENT_REVOKED');

    // a third party is an organization: it takes agreements too
    expect(
      (
        await post('/organizations/TP-DIR/agreements', {
          type: 'contract_clause',
          reference: 'MSA §12',
          signedAt: '2024-03-01T00:00:00Z',
          tlpCeiling: 'AMBER',
        })
      ).status,
    ).toBe(201);
    expect((await get('/organizations/TP-DIR/agreements')).body.effectiveTlpCeiling).toBe('AMBER');
  });

  it('refuses bad agreements naming the field and writes nothing', async () => {
    const before = await snapshot();
    const body = { type: 'nda', reference: 'R', signedAt: '2024-01-01T00:00:00Z', tlpCeiling: 'AMBER' };
    const expiry = await post('/organizations/ORG-CERT/agreements', {
      ...body,
      expiresAt: '2023-01-01T00:00:00Z',
    });
    expect(expiry.status).toBe(400);
    expect(expiry.body.error.details[0].field).toBe('body.expiresAt');
    const tlp = await post('/organizations/ORG-CERT/agreements', { ...body, tlpCeiling: 'AMBER_STRICT' });
    expect(tlp.body.error.details[0].field).toBe('body.tlpCeiling');
    expect((await post('/organizations/ORG-404/agreements', body)).status).toBe(404);
    expect((await post('/organizations/ORG-CERT/agreements', { ...body, id: 'AGR-OLD' })).status).toBe(409);
    expect((await post('/organizations/ORG-CERT/agreements', body, viewer)).status).toBe(403);
    expect((await patch('/organizations/ORG-CERT/agreements/AGR-404', { tlpCeiling: 'RED' })).status).toBe(
      404,
    );
    expect(await snapshot()).toBe(before);
  });
});

const email = (address: string, priority = 'primary') => ({ type: 'email', address, priority });

describe('contacts', () => {
  it('adds contacts, derives the dimension, lists by organization, group and dimension', async () => {
    const ciso = await post('/contacts', {
      id: 'CON-CISO',
      organizationId: 'ORG-BOARD',
      name: 'Chief Information Security Officer',
      title: 'CISO',
      stakeholderGroup: 'executives',
      channels: [email('ciso@acme.example'), { type: 'sms', address: '+14155550100', priority: 'backup' }],
    });
    expect(ciso.status).toBe(201);
    expect(ciso.body).toMatchObject({
      dimension: 'vertical',
      verificationIntervalDays: 90,
      verificationStatus: 'pending',
      lastVerifiedAt: null,
      alternates: [],
      alternateOf: [],
      deletedAt: null,
      createdBy: 'carol',
    });
    expect(Date.parse(ciso.body.nextVerificationDue) - Date.parse(ciso.body.createdAt)).toBe(90 * 86_400_000);

    const counsel = await post('/contacts', {
      id: 'CON-COUNSEL',
      organizationId: 'ORG-LEGAL',
      name: 'General Counsel',
      stakeholderGroup: 'legal',
      channels: [email('legal@acme.example')],
      alternates: ['CON-CISO'],
      verificationIntervalDays: 30,
    });
    expect(counsel.body).toMatchObject({ dimension: 'horizontal', alternates: ['CON-CISO'] });
    // the alternate knows who relies on it (written in the same transaction)
    expect((await get('/contacts/CON-CISO')).body).toMatchObject({
      alternateOf: ['CON-COUNSEL'],
      version: 2,
    });

    const dpa = await post('/contacts', {
      id: 'CON-DPA',
      organizationId: 'ORG-DPA',
      name: 'Breach desk',
      stakeholderGroup: 'regulators',
      channels: [
        email('breach@dpa.example'),
        { type: 'https', address: 'https://dpa.example/api/notifications', priority: 'backup' },
        { type: 'sqs', address: 'arn:aws:sqs:eu-west-1:123456789012:dpa-intake', priority: 'backup' },
      ],
    });
    expect(dpa.body.dimension).toBe('external');
    // plain http:// is accepted here because this is the local stack
    const local = await post('/contacts', {
      id: 'CON-HOOK',
      organizationId: 'TP-DIR',
      name: 'Hosting webhook',
      stakeholderGroup: 'suppliers',
      channels: [{ type: 'https', address: 'http://127.0.0.1:9/hook', priority: 'primary' }],
    });
    expect(local.status).toBe(201);

    expect(ids(await get('/contacts?organizationId=ORG-BOARD'))).toEqual(['CON-CISO']);
    expect(ids(await get('/contacts?stakeholderGroup=legal'))).toEqual(['CON-COUNSEL']);
    expect(ids(await get('/contacts?dimension=external'))).toEqual(['CON-DPA', 'CON-HOOK']);
    expect(ids(await get('/contacts?organizationId=ORG-LEGAL&stakeholderGroup=legal'))).toEqual([
      'CON-COUNSEL',
    ]);
    expect(ids(await get('/contacts?organizationId=ORG-LEGAL&stakeholderGroup=hr'))).toEqual([]);
    expect(ids(await get('/contacts?organizationId=ORG-LEGAL&dimension=vertical'))).toEqual([]);
    const p1 = await get('/contacts?limit=2');
    const p2 = await get(`/contacts?limit=2&cursor=${p1.body.nextCursor}`);
    expect([...ids(p1), ...ids(p2)]).toEqual(['CON-DPA', 'CON-CISO', 'CON-COUNSEL', 'CON-HOOK']);

    const moved = await patch('/contacts/CON-COUNSEL', { verificationIntervalDays: 10, title: 'GC' });
    expect(moved.body).toMatchObject({ title: 'GC', version: 2 });
    expect(Date.parse(moved.body.nextVerificationDue) - Date.parse(moved.body.createdAt)).toBe(
      10 * 86_400_000,
    );
  });

  it('refuses bad contacts naming each field and writes nothing', async () => {
    const before = await snapshot();
    const base = {
      organizationId: 'ORG-DPA',
      name: 'X',
      stakeholderGroup: 'regulators',
      channels: [email('x@dpa.example')],
    };
    const fields = async (body: unknown, method = post, path = '/contacts') => {
      const res = await method(path, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return res.body.error.details.map((d: { field: string }) => d.field);
    };
    expect(
      await fields({
        ...base,
        channels: [
          { type: 'email', address: 'nope', priority: 'primary' },
          { type: 'sms', address: '555-0100', priority: 'backup' },
          { type: 'https', address: 'ftp://x.example', priority: 'backup' },
          { type: 'sqs', address: 'queue', priority: 'backup' },
        ],
      }),
    ).toEqual([
      'body.channels.0.address',
      'body.channels.1.address',
      'body.channels.2.address',
      'body.channels.3.address',
    ]);
    expect(
      await fields({ ...base, channels: [{ type: 'email', address: 'a@b.example', priority: 'backup' }] }),
    ).toEqual(['body.channels']);
    expect(await fields({ ...base, organizationId: 'ORG-404' })).toEqual(['body.organizationId']);
    expect(await fields({ ...base, organizationId: 'ORG-LEGAL' })).toEqual(['body.stakeholderGroup']);
    expect(await fields({ ...base, alternates: ['CON-CISO', 'CON-404'] })).toEqual(['body.alternates.1']);
    expect(await fields({ ...base, id: 'CON-SELF', alternates: ['CON-SELF'] })).toEqual([
      'body.alternates.0',
    ]);
    expect(await fields({ ...base, stakeholderGroup: 'friends', verificationIntervalDays: 0 })).toEqual([
      'body.stakeholderGroup',
      'body.verificationIntervalDays',
    ]);
    expect(await fields({ alternates: ['CON-404'] }, patch, '/contacts/CON-DPA')).toEqual([
      'body.alternates.0',
    ]);
    expect(await fields({ organizationId: 'ORG-CERT' }, patch, '/contacts/CON-DPA')).toContain(
      'body.organizationId',
    );
    expect((await post('/contacts', { ...base, id: 'CON-DPA' })).status).toBe(409);
    expect((await post('/contacts', base, responder)).status).toBe(403);
    expect((await stack.request('DELETE', '/contacts/CON-DPA', { token: viewer })).status).toBe(403);
    expect((await get('/contacts/CON-404')).status).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it('soft-deletes: refused while another contact relies on it, then history is kept', async () => {
    const before = await snapshot();
    const inUse = await stack.request('DELETE', '/contacts/CON-CISO', { token: coordinator });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toMatchObject({
      code: 'CONTACT_IN_USE',
      details: [{ field: 'path.contactId', contactId: 'CON-COUNSEL', message: expect.any(String) }],
    });
    expect(await snapshot()).toBe(before);

    // reassign the alternate (CISO → DPA desk): both reverse sets follow in one transaction
    const reassigned = await patch('/contacts/CON-COUNSEL', { alternates: ['CON-DPA'] });
    expect(reassigned.body.alternates).toEqual(['CON-DPA']);
    expect((await get('/contacts/CON-CISO')).body.alternateOf).toEqual([]);
    expect((await get('/contacts/CON-DPA')).body.alternateOf).toEqual(['CON-COUNSEL']);

    const deleted = await stack.request('DELETE', '/contacts/CON-CISO', {
      token: admin,
      body: { reason: 'left the company' },
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: 'CON-CISO', deletedBy: 'ada', deletedAt: expect.any(String) });
    // hidden from lists, still readable by id; a repeat answers the same
    expect(ids(await get('/contacts?organizationId=ORG-BOARD'))).toEqual([]);
    expect(ids(await get('/contacts?limit=100'))).not.toContain('CON-CISO');
    expect((await get('/contacts/CON-CISO')).body.deletedAt).toBe(deleted.body.deletedAt);
    const repeat = await stack.request('DELETE', '/contacts/CON-CISO', { token: coordinator });
    expect(repeat.body).toEqual(deleted.body);
    // a deleted contact cannot be changed, nor become an alternate
    expect((await patch('/contacts/CON-CISO', { title: 'x' })).body.error.code).toBe('CONTACT_DELETED');
    const dead = await patch('/contacts/CON-COUNSEL', { alternates: ['CON-DPA', 'CON-CISO'] });
    expect(dead.body.error.details).toEqual([
      { field: 'body.alternates.1', message: 'contact CON-CISO is deleted' },
    ]);

    // deleting a contact releases its own alternates
    expect((await stack.request('DELETE', '/contacts/CON-COUNSEL', { token: coordinator })).status).toBe(200);
    expect((await get('/contacts/CON-DPA')).body.alternateOf).toEqual([]);
  });
});

describe('templates', () => {
  const notice = {
    id: 'TPL-REG',
    name: 'Regulator breach notice',
    audience: 'regulators',
    channelTypes: ['email', 'https'],
    subject: '[{{severity}}] Personal data breach {{id}}',
    body: 'We discovered {{title}} at {{discoveryDate}}.{{#impact}} Customers affected: {{impact.customersAffected}}.{{/impact}}',
    maxTlp: 'AMBER',
  };

  it('versions on every edit; only an approval by a coordinator or admin makes a version usable', async () => {
    const created = await post('/templates', notice);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'TPL-REG',
      latestVersion: 1,
      approvedVersion: null,
      placeholders: ['discoveryDate', 'id', 'impact', 'impact.customersAffected', 'severity', 'title'],
      createdBy: 'carol',
    });
    await post(
      '/templates',
      { ...notice, id: 'TPL-BOARD', name: 'Board briefing', audience: 'board' },
      admin,
    );

    // responders and viewers may not approve; a coordinator does, and it is recorded
    expect((await post('/templates/TPL-REG/approve', {}, responder)).status).toBe(403);
    const approved = await post('/templates/TPL-REG/approve', { version: 1, note: 'legal reviewed' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ latestVersion: 1, approvedVersion: 1, updatedBy: 'carol' });
    expect((await post('/templates/TPL-REG/approve', {})).body.error.code).toBe('ALREADY_APPROVED');

    // editing creates version 2, unapproved; version 1 stays the usable one
    const edited = await patch('/templates/TPL-REG', {
      subject: '[{{priority}}] Breach notification {{id}}',
    });
    expect(edited.body).toMatchObject({
      latestVersion: 2,
      approvedVersion: 1,
      subject: '[{{priority}}] Breach notification {{id}}',
    });
    expect((await get('/templates/TPL-REG')).body).toMatchObject({ latestVersion: 2, approvedVersion: 1 });
    const stale = await post('/templates/TPL-REG/approve', { version: 1 }, admin);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('NOT_LATEST_VERSION');

    const versions = await get('/templates/TPL-REG/versions');
    expect(
      versions.body.items.map((v: { version: number; approvedBy: string | null }) => [
        v.version,
        v.approvedBy,
      ]),
    ).toEqual([
      [2, null],
      [1, 'carol'],
    ]);
    expect(versions.body.items[1]).toMatchObject({ approvalNote: 'legal reviewed', subject: notice.subject });
    const page = await get('/templates/TPL-REG/versions?limit=1');
    expect(
      (await get(`/templates/TPL-REG/versions?limit=1&cursor=${page.body.nextCursor}`)).body.items[0].version,
    ).toBe(1);

    expect((await post('/templates/TPL-REG/approve', { version: 2 }, admin)).body).toMatchObject({
      approvedVersion: 2,
    });
    expect(ids(await get('/templates?audience=board'))).toEqual(['TPL-BOARD']);
    expect(ids(await get('/templates'))).toEqual(['TPL-BOARD', 'TPL-REG']);
    expect((await get('/templates/TPL-404')).status).toBe(404);
    expect((await get('/templates/TPL-404/versions')).status).toBe(404);
  });

  it('previews with an incident’s data; a missing placeholder is a 400 naming it', async () => {
    await post('/incidents', {
      id: 'INC-TPL',
      title: 'Exposed backup bucket',
      description: 'd',
      severity: 'high',
      category: 'data_breach',
      discoveryDate: '2025-01-02T03:04:05Z',
    });
    const preview = await get('/templates/TPL-REG/preview?incidentId=INC-TPL&version=1');
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      templateId: 'TPL-REG',
      version: 1,
      approved: true,
      incidentId: 'INC-TPL',
      subject: '[high] Personal data breach INC-TPL',
      body: 'We discovered Exposed backup bucket at 2025-01-02T03:04:05.000Z.',
    });

    await patch('/templates/TPL-REG', {
      body: 'Third parties: {{affectedThirdParties}}; impact {{impact.businessImpact}}',
    });
    const missing = await get('/templates/TPL-REG/preview?incidentId=INC-TPL');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      'Missing values for {{affectedThirdParties}}, {{impact.businessImpact}}',
    );
    expect(missing.body.error.details.map((d: { placeholder: string }) => d.placeholder)).toEqual([
      'affectedThirdParties',
      'impact.businessImpact',
    ]);
    expect((await get('/templates/TPL-REG/preview?incidentId=INC-404')).body.error.details[0].field).toBe(
      'query.incidentId',
    );
    expect((await get('/templates/TPL-REG/preview?incidentId=INC-TPL&version=9')).status).toBe(404);
  });

  it('refuses bad templates naming the field and writes nothing', async () => {
    const before = await snapshot();
    const unknown = await post('/templates', { ...notice, id: 'TPL-BAD', body: 'Hello {{customer.name}}' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      { field: 'body.body', message: 'unknown placeholder {{customer.name}}', placeholder: 'customer.name' },
    ]);
    const malformed = await post('/templates', { ...notice, id: 'TPL-BAD', subject: '{{#title}} unclosed' });
    expect(malformed.body.error.details[0].field).toBe('body.subject');
    const fields = await post('/templates', {
      ...notice,
      audience: 'everyone',
      channelTypes: ['fax'],
      maxTlp: 'PURPLE',
    });
    expect(fields.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'body.audience',
      'body.channelTypes.0',
      'body.maxTlp',
    ]);
    expect((await patch('/templates/TPL-REG', { body: '{{> partial}}' })).status).toBe(400);
    expect((await post('/templates', { ...notice, id: 'TPL-REG' })).status).toBe(409);
    expect((await post('/templates', { ...notice, id: 'TPL-V' }, viewer)).status).toBe(403);
    expect((await patch('/templates/TPL-REG', { maxTlp: 'RED' }, responder)).status).toBe(403);
    expect(await snapshot()).toBe(before);
  });
});
