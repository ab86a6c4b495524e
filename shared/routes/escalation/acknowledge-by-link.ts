/** The route entry of `functions/escalation/acknowledge-by-link.ts` (listed in ./index.ts). */
import * as esc from '../../schemas/escalation.js';
import type { Route } from '../types.js';

export const route = {
  id: 'acknowledgeByLink',
  method: 'POST',
  path: '/acknowledge/{token}',
  handler: 'escalation/acknowledge-by-link',
  // No login: the single-use token of the contact's escalation notice is the credential.
  roles: 'public',
  table: 'RW',
  uses: ['scheduler'],
  // Its token, the per-IP failure counter, the incident's partition (incident, chains, timeline;
  // Query of that partition for the chains), the incident's link items under its organizations,
  // and its idempotency record.
  tableItems: ['ACKTOKEN#', 'VERIFYLIMIT#', 'INC#', 'ORG#', 'IDEM#'],
  tableQuery: true,
  html: 'negotiate',
  summary: 'Acknowledge an incident with the single-use link of an escalation notice',
  tag: 'escalation',
  body: esc.AcknowledgeByLinkBody,
  response: { status: 200, schema: esc.LinkAcknowledgement },
} as const satisfies Route;
