/** The route entry of `functions/verification/get-verify-page.ts` (listed in ./index.ts). */
import * as ver from '../../schemas/verification.js';
import type { Route } from '../types.js';

export const route = {
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
