/**
 * Guard for issue 11 ("data read past the first page"): a DynamoDB Query answers at most 1 MB, so
 * every read whose result must be complete goes through `queryAll` / `indexAll` / `batchGetAll`
 * (shared/db/pagination.ts). A raw `QueryCommand` is allowed only at the audited sites below: each a
 * paginated list that returns its cursor and honours a `Limit` (b), or deliberately bounded (c).
 * The same sites are the audit table in docs/data-model.md ("Reads past one page").
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { TableContext } from '../../shared/db/context.js';
import { batchGetAll, queryAll } from '../../shared/db/pagination.js';
import { createRepositories } from '../../shared/db/repos/index.js';
import type { Deps } from '../../shared/deps.js';

const root = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}
const ALL = ['shared', 'functions', 'infra'].flatMap(sources);

/** file → the functions in it that send a raw QueryCommand, with their kind. */
const AUDITED: Record<string, Record<string, 'b' | 'c' | 'helper'>> = {
  'shared/db/pagination.ts': { queryIndexPage: 'b', queryAll: 'helper' },
  'shared/db/verification-repo.ts': { dueContactsPage: 'b' },
  'shared/db/repos/templates.ts': { queryVersionsPage: 'b' },
  'shared/db/repos/contacts.ts': { queryContactsPage: 'b' },
  // The repository's `children` (one page of one child kind) and `list` (one page of incidents).
  'shared/db/repos/incidents.ts': { createIncidentsRepository: 'b' },
  // The evidence register's `list` (one page of items of an incident, docs/evidence.md).
  'shared/db/repos/evidence.ts': { createEvidenceRepository: 'b' },
  // The sweeper's `due` (Limit) and the backlog's `pendingCreatedAts` (Limit × maxPages).
  'shared/db/repos/outbox.ts': { outboxRepository: 'c' },
  'shared/db/repos/reads.ts': { queryEvery: 'helper' },
  // `breachesOf`: a third party's latest 100 SLA breaches (its record shows those).
  'shared/db/repos/agreement-updates.ts': { agreementUpdatesRepository: 'c' },
  // The sharing ledger of an incident (one page from the caller's cursor, docs/sharing.md).
  'shared/db/repos/sharing.ts': { createSharingRepository: 'b' },
};

/** Each `new QueryCommand(` with the top-level function around it (name and text). */
function querySites(file: string) {
  const text = readFileSync(join(root, file), 'utf8');
  const starts = [...text.matchAll(/^(?:export )?(?:async )?function\s+(\w+)/gm)];
  return [...text.matchAll(/new QueryCommand\(/g)].map((m) => {
    const i = starts.findLastIndex((f) => f.index < m.index);
    const fn = starts[i];
    const body = text.slice(fn?.index ?? 0, starts[i + 1]?.index);
    return { fn: fn?.[1] ?? '(module)', body };
  });
}

describe('every Query whose result must be complete reads all pages', () => {
  it('no Scan anywhere in shared/, functions/ or infra/', () => {
    const scans = ALL.filter((f) => /\bScanCommand\b/.test(readFileSync(join(root, f), 'utf8')));
    expect(scans).toEqual([]);
  });

  it('raw QueryCommand sends only at the audited sites (else: queryAll / indexAll)', () => {
    const found: Record<string, string[]> = {};
    for (const file of ALL) {
      const fns = [...new Set(querySites(file).map((s) => s.fn))];
      if (fns.length > 0) found[file] = fns;
    }
    const expected = Object.fromEntries(Object.entries(AUDITED).map(([f, fns]) => [f, Object.keys(fns)]));
    expect(found).toEqual(expected);
  });

  it('a paginated site (b) honours a Limit and returns LastEvaluatedKey; a bounded one (c) has a Limit', () => {
    for (const [file, fns] of Object.entries(AUDITED)) {
      for (const site of querySites(file)) {
        const kind = fns[site.fn];
        if (kind === 'helper') continue;
        expect(site.body, `${file} ${site.fn}`).toMatch(/\bLimit: /);
        if (kind === 'b') {
          expect(site.body, `${file} ${site.fn}: resumes from the caller's cursor`).toMatch(
            /ExclusiveStartKey: /,
          );
          expect(site.body, `${file} ${site.fn}: returns the next cursor`).toMatch(/\.LastEvaluatedKey/);
        }
      }
    }
  });

  it('the audit table in docs/data-model.md names every audited site', () => {
    const doc = readFileSync(join(root, 'docs/data-model.md'), 'utf8');
    const audit = doc.slice(doc.indexOf('### Reads past one page'));
    for (const fns of Object.values(AUDITED))
      for (const fn of Object.keys(fns)) expect(audit, fn).toContain(`\`${fn}\``);
  });
});

/** A fake document client answering Query / BatchGet from scripted pages. */
function fakeDeps(answers: Record<string, unknown>[]) {
  const sent: Record<string, unknown>[] = [];
  const db = {
    send: async (command: { input: Record<string, unknown> }) => {
      sent.push(command.input);
      const next = answers.shift();
      if (!next) throw new Error('unexpected request');
      return next;
    },
  } as unknown as DynamoDBDocumentClient;
  const deps: Deps & TableContext = {
    db,
    tableName: 't',
    repos: createRepositories({ db, tableName: 't' }),
    now: () => new Date(0),
    newId: () => 'id',
  };
  return { deps, sent };
}

describe('the paging helpers', () => {
  it('queryAll follows LastEvaluatedKey until the last page', async () => {
    const { deps, sent } = fakeDeps([
      { Items: [{ sk: 'A#1' }], LastEvaluatedKey: { pk: 'p', sk: 'A#1' } },
      { Items: [{ sk: 'A#2' }], LastEvaluatedKey: { pk: 'p', sk: 'A#2' } },
      { Items: [{ sk: 'A#3' }] },
    ]);
    const items = await queryAll(deps, { TableName: 't', KeyConditionExpression: 'pk = :pk' });
    expect(items.map((i) => i.sk)).toEqual(['A#1', 'A#2', 'A#3']);
    expect(sent.map((s) => s.ExclusiveStartKey)).toEqual([
      undefined,
      { pk: 'p', sk: 'A#1' },
      { pk: 'p', sk: 'A#2' },
    ]);
  });

  it('batchGetAll asks again for UnprocessedKeys: a key left unread is not a missing item', async () => {
    const incident = { pk: 'INC#1', sk: '#INCIDENT' };
    const child = { pk: 'INC#1', sk: 'OBLIG#gdpr' };
    const { deps, sent } = fakeDeps([
      { Responses: { t: [child] }, UnprocessedKeys: { t: { Keys: [incident] } } },
      { Responses: { t: [incident] } },
    ]);
    const items = await batchGetAll(deps, [incident, child]);
    expect(items).toEqual([child, incident]);
    expect(sent.map((s) => (s.RequestItems as { t: { Keys: unknown[] } }).t.Keys)).toEqual([
      [incident, child],
      [incident],
    ]);
  });
});
