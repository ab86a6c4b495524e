/**
 * docs/openapi.json checked by an independent validator, Redocly CLI (`redocly lint`, config
 * redocly.yaml: recommended rules as errors), not by the zod code that generates it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'liaison-openapi-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lint(file: string): { status: number | null; output: string } {
  const res = spawnSync(
    join(root, 'node_modules/.bin/redocly'),
    ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      timeout: 60_000,
    },
  );
  return { status: res.status, output: `${res.stdout}\n${res.stderr}` };
}

describe('redocly lint', () => {
  it('finds no error or warning in docs/openapi.json', () => {
    const { status, output } = lint(join(root, 'docs/openapi.json'));
    expect(output).not.toMatch(/\b(error|warning)\s+[a-z-]+/);
    expect(status, output).toBe(0);
  });

  it('fails on a document whose Error schema refers to itself (the bug it guards against)', () => {
    const doc = JSON.parse(readFileSync(join(root, 'docs/openapi.json'), 'utf8'));
    doc.components.schemas.Error = { $ref: '#/components/schemas/Error' };
    const file = join(scratch, 'self-ref.json');
    writeFileSync(file, JSON.stringify(doc));
    expect(lint(file).status).not.toBe(0);
  });
});
