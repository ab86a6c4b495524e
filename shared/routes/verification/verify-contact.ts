/** The route entry of `functions/verification/verify-contact.ts` (listed in ./index.ts). */
import * as ver from '../../schemas/verification.js';
import type { Route } from '../types.js';

export const route = {
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
