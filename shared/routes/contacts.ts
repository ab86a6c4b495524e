/** Routes whose handlers live in `functions/contacts/`: one exported entry per operation (see ./index.ts). */
import * as common from '../schemas/common.js';
import * as con from '../schemas/contacts.js';
import { COORDINATORS, READERS, type Route } from './types.js';

// ---- contacts ----
export const createContact = {
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

export const listContacts = {
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

export const getContact = {
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

export const updateContact = {
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

export const deleteContact = {
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
