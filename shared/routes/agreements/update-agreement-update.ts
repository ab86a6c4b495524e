/** The route entry of `functions/agreements/update-agreement-update.ts` (listed in ../index.ts). */
import * as ag from '../../schemas/agreements.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'updateAgreementUpdate',
  method: 'PATCH',
  path: '/agreement-updates/{updateId}',
  handler: 'agreements/update-agreement-update',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['scheduler'],
  summary:
    'Move an agreement update on (proposed → agreed → drafted → signed, or rejected / withdrawn) or change its proposal, owner or due date',
  tag: 'agreements',
  body: ag.UpdateAgreementUpdateBody,
  response: { status: 200, schema: ag.AgreementUpdate },
} as const satisfies Route;
