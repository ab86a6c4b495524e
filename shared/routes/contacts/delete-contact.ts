/** The route entry of `functions/contacts/delete-contact.ts` (listed in ./index.ts). */
import * as con from '../../schemas/contacts.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'deleteContact',
  method: 'DELETE',
  path: '/contacts/{contactId}',
  handler: 'contacts/delete-contact',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns'],
  summary: 'Delete a contact, keeping its history (409 while it is another contact’s alternate)',
  tag: 'contacts',
  body: con.DeleteContactBody,
  response: { status: 200, schema: con.Contact },
} as const satisfies Route;
