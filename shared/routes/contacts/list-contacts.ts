/** The route entry of `functions/contacts/list-contacts.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as con from '../../schemas/contacts.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listContacts',
  method: 'GET',
  path: '/contacts',
  handler: 'contacts/list-contacts',
  roles: READERS,
  table: 'RO',
  summary: 'List live contacts (paginated; filter by organization, stakeholder group, dimension)',
  tag: 'contacts',
  query: con.ListContactsQuery,
  response: { status: 200, schema: common.pageOf(con.Contact) },
} as const satisfies Route;
