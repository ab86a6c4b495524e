/** The route entry of `functions/agreements/create-agreement-update.ts` (listed in ../index.ts). */
import * as ag from '../../schemas/agreements.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createAgreementUpdate',
  method: 'POST',
  path: '/agreement-updates',
  handler: 'agreements/create-agreement-update',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['scheduler'],
  summary:
    'Raise an agreement update against a third party or a sharing agreement, from an incident (its due date reminds like an action’s)',
  tag: 'agreements',
  body: ag.CreateAgreementUpdateBody,
  response: { status: 201, schema: ag.AgreementUpdate },
} as const satisfies Route;
