/** Routes whose handlers live in `functions/verification/`: one exported entry per operation (see ./index.ts). */
import * as ver from '../schemas/verification.js';
import type { Route } from './types.js';

// ---- contact-directory verification (docs/verification.md) ----
export const verifyContact = {
  id: 'verifyContact',
  method: 'POST',
  path: '/verify/{token}',
  handler: 'verification/verify-contact',
  // No login: the single-use token from the verification message is the credential. Throttled per
  // route in the stage (infra/stacks/liaison-stack.ts) and per IP hash in the application.
  roles: 'public',
  table: 'RW',
  // Its token, the per-IP failure counter, the contact it confirms, and its idempotency record.
  tableItems: ['VERIFYTOKEN#', 'VERIFYLIMIT#', 'CONTACT#', 'IDEM#'],
  // The confirmation page's form posts here: text/html back for a form or a browser.
  html: 'negotiate',
  summary: 'Confirm a directory contact with the single-use token of its verification message',
  tag: 'verification',
  body: ver.VerifyContactBody,
  response: { status: 200, schema: ver.VerificationResult },
} as const satisfies Route;

export const getVerifyPage = {
  id: 'getVerifyPage',
  method: 'GET',
  path: '/verify/{token}',
  handler: 'verification/get-verify-page',
  // The confirmation page: shows what the link confirms and a button that POSTs; GET never
  // consumes the token (mail scanners open links). Read-only: refused over the IP's failure limit.
  roles: 'public',
  table: 'RO',
  tableItems: ['VERIFYTOKEN#', 'VERIFYLIMIT#', 'CONTACT#'],
  html: 'page',
  summary: 'The confirmation page of a verification link (HTML; does not use the token)',
  tag: 'verification',
  response: { status: 200, schema: ver.HtmlPage },
} as const satisfies Route;
