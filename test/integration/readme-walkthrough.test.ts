/**
 * README's walkthrough, "Regulatory notification deadlines" and "Exercises" blocks, run verbatim with bash and curl
 * against the local stack of this file (only the API address, the tokens and the `json` helper are
 * replaced: ours also prints the status). Every call answers what the README says it does: 2xx
 * unless its step says otherwise.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

const run = promisify(execFile);
let stack: LocalStack;

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const block = (firstLine: RegExp): string => {
  const found = blocks.find((b) => firstLine.test(b.split('\n')[0] ?? ''));
  if (!found) throw new Error(`README has no bash block starting ${firstLine}`);
  return found;
};

beforeAll(async () => {
  stack = await startLocalStack({ sns: true });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

// Each block runs a shell script of dozens of curl calls (up to 120 s on a loaded 2-core machine).
describe('README examples', { timeout: 150_000 }, () => {
  it('the walkthrough and the regulatory deadlines run verbatim on a fresh stack', async () => {
    const walkthrough = block(/^API=/);
    const regulatory = block(/^# GDPR and NIS2/);
    const exercise = block(/^# Exercise:/);
    const sharing = block(/^# Sharing: indicators/);
    const ours = (text: string) =>
      text
        .split('\n')
        .filter((l) => !/^(API|COORD|RESP|VIEW|ADMIN|PART)=|^json\(\)/.test(l))
        .join('\n');
    const script = [
      `API=${stack.baseUrl.replace(/\/$/, '')}`,
      `COORD=${await stack.token('coordinator', { sub: 'carol' })}`,
      `RESP=${await stack.token('responder', { sub: 'rita' })}`,
      `VIEW=${await stack.token('viewer', { sub: 'victor' })}`,
      `ADMIN=${await stack.token('admin', { sub: 'ada' })}`,
      `PART=${await stack.token('partner', { sub: 'paula', organization: 'TP-001' })}`,
      `json() { curl -sS -o /dev/null -w '%{http_code}\\n' -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "\${@:2}"; }`,
      ours(walkthrough),
      'echo ---',
      ours(regulatory),
      'echo ---',
      ours(exercise),
      'echo ---',
      ours(sharing),
    ].join('\n');
    const { stdout } = await run('bash', ['-c', script], { timeout: 120_000 });
    const [first = '', second = '', third = '', fourth = ''] = stdout.split('---\n');
    const codes = (s: string) => s.trim().split('\n').map(Number);
    // Step 7 closes while ACTION-1 is open (409); step 10: bad input (400), a viewer writing (403);
    // editing the closed incident (PATCH) is refused 409 INCIDENT_CLOSED.
    const steps = codes(first);
    expect(steps.filter((c) => c >= 300)).toEqual([409, 400, 403, 409]);
    expect(steps).toHaveLength(19);
    // Every call of the regulatory block succeeds (the NIS2 awareness "1 hour ago" was before the
    // incident's discovery minutes earlier: 400, and then the draft 404).
    expect(codes(second)).toEqual([201, 201, 200, 201, 200, 200, 200]);
    // The exercise block: all succeed but raising a finding twice (409 FINDING_RAISED) and ending
    // it twice (409 EXERCISE_ENDED).
    expect(codes(third)).toEqual([
      201, 201, 201, 201, 200, 200, 200, 201, 201, 409, 200, 201, 201, 200, 409, 200,
    ]);
    // Sharing (docs/sharing.md): two indicators, two exports, a collection, TAXII discovery and
    // collections as the partner, the ledger as CSV.
    expect(codes(fourth)).toEqual([201, 201, 200, 200, 201, 200, 200, 200]);
  });

  it('the evidence block runs verbatim: upload, confirm, download, transfer, holds, refusals', async () => {
    const evidence = block(/^# Evidence: register a file/);
    const script = [
      `API=${stack.baseUrl.replace(/\/$/, '')}`,
      `COORD=${await stack.token('coordinator', { sub: 'carol' })}`,
      `RESP=${await stack.token('responder', { sub: 'rita' })}`,
      `VIEW=${await stack.token('viewer', { sub: 'victor' })}`,
      `ADMIN=${await stack.token('admin', { sub: 'ada' })}`,
      `json() { curl -sS -o /dev/null -w '%{http_code}\\n' -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "\${@:2}"; }`,
      evidence
        .split('\n')
        .filter((l) => !/^(API|COORD|RESP|VIEW|ADMIN)=/.test(l))
        .join('\n'),
    ].join('\n');
    const { stdout } = await run('bash', ['-c', script], { timeout: 120_000 });
    // incident, PUT, confirm, download, transfer, legal hold, delete 409, disclosure hold,
    // customer message 409, admin override, read, holds, release.
    expect(stdout.trim().split('\n').map(Number)).toEqual([
      201, 200, 200, 200, 201, 201, 409, 201, 409, 201, 200, 200, 200,
    ]);
  });

  it('the agreement updates, SLAs and joint review block runs verbatim', async () => {
    const text = block(/^# Agreement updates and SLAs/)
      .split('\n')
      .filter((l) => !/^PAY=/.test(l))
      .join('\n');
    const script = [
      `API=${stack.baseUrl.replace(/\/$/, '')}`,
      `COORD=${await stack.token('coordinator', { sub: 'carol' })}`,
      `VIEW=${await stack.token('viewer', { sub: 'victor' })}`,
      `PAY=${await stack.token('partner', { sub: 'soc@payroll.example', organization: 'TP-PAY' })}`,
      `json() { curl -sS -o /dev/null -w '%{http_code}\\n' -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "\${@:2}"; }`,
      text,
    ].join('\n');
    const { stdout } = await run('bash', ['-c', script], { timeout: 120_000 });
    // Every call succeeds but the skipped transition (409 INVALID_TRANSITION).
    expect(stdout.trim().split('\n').map(Number)).toEqual([
      201, 201, 201, 201, 201, 200, 409, 200, 200, 200, 201, 200, 200, 200, 201, 201, 201, 200, 200,
    ]);
  });
});
