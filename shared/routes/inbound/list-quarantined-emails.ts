/** The route entry of `functions/inbound/list-quarantined-emails.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as inbound from '../../schemas/inbound.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'listQuarantinedEmails',
  method: 'GET',
  path: '/inbound-email/quarantine',
  handler: 'inbound/list-quarantined-emails',
  roles: COORDINATORS,
  table: 'RO',
  summary: 'List inbound e-mails held in quarantine (unknown or unauthenticated sender), oldest first',
  tag: 'inbound-email',
  query: inbound.ListQuarantineQuery,
  response: { status: 200, schema: common.pageOf(inbound.InboundEmail) },
} as const satisfies Route;
