/**
 * Information sharing over HTTP on the local stack (docs/sharing.md): indicators recorded and
 * validated, the STIX 2.1 export (OASIS schemas, TLP ceiling per recipient), a TAXII 2.1 client's
 * walk (discovery → API root → collections → objects with paging and added_after → manifest →
 * object → versions), its media types and error messages, and the sharing ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, type Response, startLocalStack } from '../helpers/local-stack.js';
import { stixValidator } from '../helpers/stix-schemas.js';

const TAXII = 'application/taxii+json;version=2.1';
const STIX = 'application/stix+json;version=2.1';
const INC = 'INC-SHARE';
const validator = stixValidator();

let stack: LocalStack;
let admin: string;
let carol: string; // coordinator
let viewer: string;
let isac: string; // partner of ORG-ISAC (AMBER agreement)
let other: string; // partner of ORG-OTHER (not a member)
let collectionId: string;

type Obj = { type: string; id: string; modified?: string; object_marking_refs?: string[] };

async function must(res: Promise<Response>, status = 201): Promise<Response> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}
const post = (path: string, body: unknown, token = carol) => stack.request('POST', path, { body, token });
const taxii = (path: string, token: string, query?: Record<string, string>, accept = TAXII) =>
  stack.request('GET', path, { token, headers: { accept }, ...(query ? { query } : {}) });

beforeAll(async () => {
  stack = await startLocalStack();
  admin = await stack.token('admin', { sub: 'ada' });
  carol = await stack.token('coordinator', { sub: 'carol' });
  viewer = await stack.token('viewer', { sub: 'vic' });
  isac = await stack.token('partner', { sub: 'ines', organization: 'ORG-ISAC' });
  other = await stack.token('partner', { sub: 'otto', organization: 'ORG-OTHER' });
  await must(post('/third-parties', { id: 'TP-CLOUD', name: 'Cloud Provider', type: 'cloud_provider' }));
  await must(post('/organizations', { id: 'ORG-ISAC', name: 'Sector ISAC', kind: 'isac' }, admin));
  await must(post('/organizations', { id: 'ORG-OTHER', name: 'Other CERT', kind: 'cert' }, admin));
  await must(
    post('/organizations/ORG-ISAC/agreements', {
      type: 'nda',
      reference: 'ISAC-MoU-2024',
      signedAt: '2024-01-01T00:00:00Z',
      tlpCeiling: 'AMBER',
    }),
  );
  await must(
    post('/incidents', {
      id: INC,
      title: 'Credential stuffing',
      description: 'Logins from a botnet',
      severity: 'high',
      category: 'unauthorized_access',
      affectedThirdParties: ['TP-CLOUD'],
    }),
  );
}, 120_000);
afterAll(async () => stack?.stop());

describe('indicators', () => {
  it('records each type, validated, with a default or a given STIX pattern', async () => {
    const ip = await must(
      post(`/incidents/${INC}/indicators`, { type: 'ipv4-addr', value: '198.51.100.7', tlp: 'GREEN' }),
    );
    expect(ip.body).toMatchObject({
      tlp: 'GREEN',
      pattern: "[ipv4-addr:value = '198.51.100.7']",
      version: 1,
    });
    await must(
      post(`/incidents/${INC}/indicators`, { type: 'domain-name', value: 'Bad.Example', tlp: 'CLEAR' }),
    );
    await must(
      post(`/incidents/${INC}/indicators`, {
        type: 'sha256',
        value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        pattern:
          "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'] AND [file:size > 0]",
      }),
    ); // AMBER: the incident's level
    await must(
      post(`/incidents/${INC}/indicators/${ip.body.indicatorId}/sightings`, {
        firstSeen: '2024-05-01T10:00:00Z',
        lastSeen: '2024-05-01T12:00:00Z',
        count: 40,
        organizationId: 'TP-CLOUD',
      }),
    );
    await must(
      post(`/incidents/${INC}/lessons-learned`, { lesson: 'MFA was off', recommendation: 'Enforce MFA' }),
    );
    const list = await must(stack.request('GET', `/incidents/${INC}/indicators`, { token: viewer }), 200);
    expect((list.body.items as { tlp: string }[]).map((i) => i.tlp)).toEqual(['GREEN', 'CLEAR', 'AMBER']);
  });

  it('refuses a value of the wrong type, a pattern outside the grammar and a TLP above the incident, writing nothing', async () => {
    const before = await stack.snapshot();
    const bad = await post(`/incidents/${INC}/indicators`, {
      type: 'ipv4-addr',
      value: 'bad.example',
      pattern: '[x',
    });
    expect(bad.status).toBe(400);
    expect((bad.body.error.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'body.pattern',
      'body.value',
    ]);
    const red = await post(`/incidents/${INC}/indicators`, {
      type: 'url',
      value: 'https://bad.example/',
      tlp: 'RED',
    });
    expect(red.status).toBe(400);
    expect(red.body.error.details[0]).toMatchObject({ field: 'body.tlp', code: 'ABOVE_INCIDENT_TLP' });
    expect(await stack.snapshot()).toBe(before);
  });
});

describe('GET /incidents/{id}/stix', () => {
  it('answers a bundle that validates against the OASIS STIX 2.1 schemas, every object marked', async () => {
    const res = await must(stack.request('GET', `/incidents/${INC}/stix`, { token: carol }), 200);
    expect(res.headers['content-type']).toBe(STIX);
    const objects = res.body.objects as Obj[];
    expect(validator.bundleErrors(res.body)).toEqual([]);
    for (const o of objects)
      if (o.type !== 'marking-definition') expect(o.object_marking_refs, o.id).toHaveLength(1);
    expect(new Set(objects.map((o) => o.type))).toEqual(
      new Set([
        'marking-definition',
        'identity',
        'incident',
        'indicator',
        'ipv4-addr',
        'domain-name',
        'file',
        'relationship',
        'sighting',
        'note',
        'course-of-action',
      ]),
    );
    // Deterministic: the same export again is the same bundle.
    const again = await must(stack.request('GET', `/incidents/${INC}/stix`, { token: carol }), 200);
    expect(again.body).toEqual(res.body);
  });

  it('a recipient gets only what its ceiling allows: GREEN without an agreement, AMBER under one', async () => {
    const all = (await must(stack.request('GET', `/incidents/${INC}/stix`, { token: carol }), 200)).body
      .objects as Obj[];
    const greenBundle = (
      await must(
        stack.request('GET', `/incidents/${INC}/stix`, {
          token: carol,
          query: { organization: 'ORG-OTHER' },
        }),
        200,
      )
    ).body;
    const green = greenBundle.objects as Obj[];
    const amber = (
      await must(
        stack.request('GET', `/incidents/${INC}/stix`, { token: carol, query: { organization: 'ORG-ISAC' } }),
        200,
      )
    ).body.objects as Obj[];
    expect(green.map((o) => o.type).sort()).toEqual(
      [
        'marking-definition',
        'marking-definition',
        'identity',
        'indicator',
        'domain-name',
        'relationship',
        'indicator',
        'ipv4-addr',
        'relationship',
      ].sort(),
    ); // the GREEN sighting is withheld: it names the third party (an AMBER identity)
    expect(amber.map((o) => o.id).sort()).toEqual(all.map((o) => o.id).sort());
    expect(validator.bundleErrors(greenBundle)).toEqual([]);
  });
});

describe('TAXII 2.1, as a client walks it', () => {
  it('an admin defines a collection for the ISAC at its agreement ceiling', async () => {
    const tooHigh = await post(
      '/sharing/collections',
      { title: 'x', organizationIds: ['ORG-ISAC', 'ORG-OTHER'], tlpCeiling: 'AMBER+STRICT', incidentIds: [] },
      admin,
    );
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error.details[0]).toMatchObject({
      field: 'body.tlpCeiling',
      code: 'COLLECTION_TLP_TOO_HIGH',
    });
    const unknown = await post(
      '/sharing/collections',
      { title: 'x', organizationIds: ['ORG-NOPE'], tlpCeiling: 'GREEN', incidentIds: [] },
      admin,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('body.organizationIds.0');
    const c = await must(
      post(
        '/sharing/collections',
        {
          title: 'ISAC feed',
          organizationIds: ['ORG-ISAC'],
          tlpCeiling: 'AMBER',
          agreement: 'ISAC-MoU-2024',
          incidentIds: [INC],
        },
        admin,
      ),
    );
    collectionId = c.body.id as string;
    expect(collectionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (
        await post(
          '/sharing/collections',
          { title: 'x', organizationIds: ['ORG-ISAC'], tlpCeiling: 'GREEN', incidentIds: [] },
          carol,
        )
      ).status,
    ).toBe(403);
  });

  it('discovery → API root → collections, in the TAXII media type', async () => {
    const d = await must(taxii('/taxii2/', isac), 200);
    expect(d.headers['content-type']).toBe(TAXII);
    const root = new URL(d.body.api_roots[0] as string);
    expect(root.pathname).toBe('/taxii2/liaison/');
    const r = await must(taxii(root.pathname, isac), 200);
    expect(r.body.versions).toEqual([TAXII]);
    const cs = await must(taxii('/taxii2/liaison/collections/', isac), 200);
    expect(cs.body.collections).toEqual([
      { id: collectionId, title: 'ISAC feed', can_read: true, can_write: false, media_types: [STIX] },
    ]);
    // A partner outside the collection lists nothing and cannot open it.
    expect((await must(taxii('/taxii2/liaison/collections/', other), 200)).body).toEqual({});
    const hidden = await taxii(`/taxii2/liaison/collections/${collectionId}/`, other);
    expect(hidden.status).toBe(404);
    expect(hidden.headers['content-type']).toBe(TAXII);
    expect(hidden.body).toMatchObject({ title: 'Not Found', http_status: '404', error_code: 'NOT_FOUND' });
  });

  it('objects page by `next` with the date headers, and `added_after` gives what came since', async () => {
    const path = `/taxii2/liaison/collections/${collectionId}/objects/`;
    const seen: Obj[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const page = await must(taxii(path, isac, { limit: '4', ...(next ? { next } : {}) }), 200);
      pages++;
      const objects = page.body.objects as Obj[];
      expect(objects.length).toBeLessThanOrEqual(4);
      expect(page.headers['x-taxii-date-added-first']).toBeDefined();
      expect(page.headers['x-taxii-date-added-last']).toBeDefined();
      seen.push(...objects);
      next = page.body.more ? (page.body.next as string) : undefined;
    } while (next);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen.map((o) => o.id)).size).toBe(seen.length);
    for (const o of seen) expect(validator.objectErrors(o), o.id).toEqual([]);
    const all = (
      await must(
        stack.request('GET', `/incidents/${INC}/stix`, { token: carol, query: { organization: 'ORG-ISAC' } }),
        200,
      )
    ).body.objects as Obj[];
    expect(seen.map((o) => o.id).sort()).toEqual(all.map((o) => o.id).sort());

    const first = await must(taxii(path, isac), 200);
    const last = first.headers['x-taxii-date-added-last'] as string;
    const byType = await must(taxii(path, isac, { 'match[type]': 'indicator,sighting' }), 200);
    expect(new Set((byType.body.objects as Obj[]).map((o) => o.type))).toEqual(
      new Set(['indicator', 'sighting']),
    );
    // A new sighting moves its indicator on: it (and the new sighting) come after `added_after`.
    const ind = (await must(stack.request('GET', `/incidents/${INC}/indicators`, { token: carol }), 200)).body
      .items[1];
    await new Promise((r) => setTimeout(r, 5));
    await must(
      post(`/incidents/${INC}/indicators/${ind.indicatorId}/sightings`, {
        firstSeen: '2024-05-02T00:00:00Z',
      }),
    );
    const since = await must(taxii(path, isac, { added_after: last }), 200);
    const types = (since.body.objects as Obj[]).map((o) => o.type).sort();
    expect(types).toEqual(expect.arrayContaining(['indicator', 'sighting']));
    expect(since.body.objects.length).toBeLessThan(seen.length);
    expect(
      (since.body.objects as Obj[]).every(
        (o) => (o.modified ?? '') > last || o.type === 'domain-name' || o.type === 'relationship',
      ),
    ).toBe(true);
  });

  it('manifest, object by id, versions; STIX media type on request; 406 and TAXII errors', async () => {
    const base = `/taxii2/liaison/collections/${collectionId}`;
    const manifest = await must(taxii(`${base}/manifest/`, isac, { 'match[type]': 'indicator' }), 200);
    const entry = (
      manifest.body.objects as { id: string; version: string; date_added: string; media_type: string }[]
    )[0];
    expect(entry).toMatchObject({ media_type: STIX });
    const one = await must(taxii(`${base}/objects/${entry?.id}/`, isac), 200);
    expect(one.body.objects).toHaveLength(1);
    expect(one.body.objects[0].modified).toBe(entry?.version);
    const versions = await must(taxii(`${base}/objects/${entry?.id}/versions/`, isac), 200);
    expect(versions.body).toEqual({ more: false, versions: [entry?.version] });
    const asStix = await must(taxii(`${base}/objects/`, isac, { limit: '1' }, STIX), 200);
    expect(asStix.headers['content-type']).toBe(STIX);

    const notAcceptable = await taxii(`${base}/objects/`, isac, undefined, 'application/json');
    expect(notAcceptable.status).toBe(406);
    expect(notAcceptable.headers['content-type']).toBe(TAXII);
    expect(notAcceptable.body).toMatchObject({
      title: 'Not Acceptable',
      http_status: '406',
      error_code: 'NOT_ACCEPTABLE',
    });
    expect((await taxii('/taxii2/', isac, undefined, 'application/taxii+json;version=2.0')).status).toBe(406);
    const badNext = await taxii(`${base}/objects/`, isac, { next: 'nope' });
    expect(badNext.status).toBe(400);
    expect(badNext.body).toMatchObject({ title: 'Bad Request', http_status: '400' });
    const unknown = await taxii(`${base}/objects/indicator--00000000-0000-5000-8000-000000000000/`, isac);
    expect(unknown.status).toBe(404);
  });
});

describe('the sharing ledger', () => {
  it('records exports and TAXII reads: what, to whom, when, TLP, agreement, by whom', async () => {
    const inc = await must(
      stack.request('GET', `/incidents/${INC}/sharing-ledger`, { token: carol, query: { limit: '100' } }),
      200,
    );
    const entries = inc.body.items as {
      channel: string;
      organizationId?: string;
      tlp: string;
      by: string;
      agreement?: string;
      objects: { id: string }[];
    }[];
    expect(
      entries.some(
        (e) => e.channel === 'stix-export' && e.organizationId === 'ORG-OTHER' && e.tlp === 'GREEN',
      ),
    ).toBe(true);
    expect(
      entries.some(
        (e) => e.channel === 'stix-export' && e.organizationId === 'ORG-ISAC' && e.tlp === 'AMBER',
      ),
    ).toBe(true);
    const read = entries.find((e) => e.channel === 'taxii');
    expect(read).toMatchObject({ organizationId: 'ORG-ISAC', by: 'ines', agreement: 'ISAC-MoU-2024' });
    expect(read?.objects.length).toBeGreaterThan(0);

    const org = await must(
      stack.request('GET', '/organizations/ORG-OTHER/sharing-ledger', { token: carol }),
      200,
    );
    expect(
      (org.body.items as { organizationId: string }[]).every((e) => e.organizationId === 'ORG-OTHER'),
    ).toBe(true);
    expect(org.body.items.length).toBeGreaterThan(0);
    const csv = await must(
      stack.request('GET', '/organizations/ORG-ISAC/sharing-ledger', {
        token: carol,
        query: { format: 'csv' },
      }),
      200,
    );
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toBe(
      'at,channel,incidentId,organizationId,recipient,collectionId,tlp,agreement,by,objects,entryId',
    );
    expect(lines.length).toBeGreaterThan(2);
    const jsonl = await must(
      stack.request('GET', `/incidents/${INC}/sharing-ledger`, { token: carol, query: { format: 'jsonl' } }),
      200,
    );
    expect(jsonl.headers['content-type']).toBe('application/x-ndjson');
    expect(
      String(jsonl.body)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).channel),
    ).toContain('taxii');
    expect((await stack.request('GET', `/incidents/${INC}/sharing-ledger`, { token: isac })).status).toBe(
      403,
    );
  });

  it('records a regulator submission in the transaction that records it', async () => {
    await must(post(`/incidents/${INC}/obligations`, { regime: 'gdpr' }));
    const sub = await must(
      post(`/incidents/${INC}/obligations/gdpr/submissions`, {
        clock: 'authority',
        recipient: 'CNIL',
        coveredItems: ['nature'],
      }),
    );
    const ledger = await must(
      stack.request('GET', `/incidents/${INC}/sharing-ledger`, { token: carol, query: { limit: '100' } }),
      200,
    );
    expect(ledger.body.items).toContainEqual(
      expect.objectContaining({
        channel: 'regulator-submission',
        recipient: 'CNIL',
        tlp: 'AMBER',
        by: 'carol',
        objects: [{ id: `gdpr/${sub.body.submissionId}`, version: 'authority' }],
      }),
    );
  });
});
