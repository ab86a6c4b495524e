/** The route entry of `functions/escalation/get-acknowledge-page.ts` (listed in ./index.ts). */
import * as ver from '../../schemas/verification.js';
import type { Route } from '../types.js';

export const route = {
  id: 'getAcknowledgePage',
  method: 'GET',
  path: '/acknowledge/{token}',
  handler: 'escalation/get-acknowledge-page',
  roles: 'public',
  table: 'RO',
  tableItems: ['ACKTOKEN#', 'VERIFYLIMIT#'],
  html: 'page',
  summary: 'The acknowledgement page of an escalation link (HTML; does not use the token)',
  tag: 'escalation',
  response: { status: 200, schema: ver.HtmlPage },
} as const satisfies Route;
