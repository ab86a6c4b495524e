/**
 * The RFC 822 samples of test/fixtures/email/ (CRLF line ends, as they come off the wire) with
 * their reply address filled in: `inc-INC-{INCIDENT}+{TOKEN}@liaison.test` becomes the incident's.
 */
import { readFileSync } from 'node:fs';

export type Sample = 'reply-multipart.eml' | 'forged-sender.eml' | 'html-latin1.eml';

export function sample(name: Sample, address: { incidentId: string; token: string }): Buffer {
  const raw = readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url)).toString('latin1');
  return Buffer.from(
    raw.replaceAll('INC-{INCIDENT}', address.incidentId).replaceAll('{TOKEN}', address.token),
    'latin1',
  );
}
