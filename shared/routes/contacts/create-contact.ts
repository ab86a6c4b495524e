/** The route entry of `functions/contacts/create-contact.ts` (listed in ./index.ts). */
import * as con from '../../schemas/contacts.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createContact',
  method: 'POST',
  path: '/contacts',
  handler: 'contacts/create-contact',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns'],
  summary: 'Add a contact of an organization, with channels and alternates',
  tag: 'contacts',
  body: con.CreateContactBody,
  response: { status: 201, schema: con.Contact },
} as const satisfies Route;
