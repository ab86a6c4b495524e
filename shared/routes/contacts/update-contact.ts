/** The route entry of `functions/contacts/update-contact.ts` (listed in ./index.ts). */
import * as con from '../../schemas/contacts.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'updateContact',
  method: 'PATCH',
  path: '/contacts/{contactId}',
  handler: 'contacts/update-contact',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns'],
  summary: 'Change a contact (channels, alternates, stakeholder group …)',
  tag: 'contacts',
  body: con.UpdateContactBody,
  response: { status: 200, schema: con.Contact },
} as const satisfies Route;
