/** The route entry of `functions/contacts/get-contact.ts` (listed in ./index.ts). */
import * as con from '../../schemas/contacts.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getContact',
  method: 'GET',
  path: '/contacts/{contactId}',
  handler: 'contacts/get-contact',
  roles: READERS,
  table: 'RO',
  uses: ['sns'],
  summary: 'Read a contact (a deleted contact is answered with its deletedAt)',
  tag: 'contacts',
  response: { status: 200, schema: con.Contact },
} as const satisfies Route;
