/** Routes whose handlers live in `functions/obligations/`: one exported entry per operation (see ./index.ts). */
import * as obl from '../schemas/obligations.js';
import * as rem from '../schemas/reminders.js';
import { COORDINATORS, READERS, type Route } from './types.js';

// ---- regulatory notification obligations ----
export const listRegimes = {
  id: 'listRegimes',
  method: 'GET',
  path: '/regimes',
  handler: 'obligations/list-regimes',
  roles: READERS,
  table: 'NONE',
  summary: 'The catalogue of regulatory notification regimes: clocks, recipients, required content',
  tag: 'obligations',
  response: { status: 200, schema: obl.RegimeList },
} as const satisfies Route;

export const attachObligation = {
  id: 'attachObligation',
  method: 'POST',
  path: '/incidents/{incidentId}/obligations',
  handler: 'obligations/attach-obligation',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Attach a regulatory regime to an incident; its deadline clocks start from the trigger times',
  tag: 'obligations',
  body: obl.AttachObligationBody,
  response: { status: 201, schema: obl.Obligation },
} as const satisfies Route;

export const listObligations = {
  id: 'listObligations',
  method: 'GET',
  path: '/incidents/{incidentId}/obligations',
  handler: 'obligations/list-obligations',
  roles: READERS,
  table: 'RO',
  summary: 'List an incident’s obligations with due times, time left, status and content checklists',
  tag: 'obligations',
  response: { status: 200, schema: obl.ObligationList },
} as const satisfies Route;

export const updateObligation = {
  id: 'updateObligation',
  method: 'PATCH',
  path: '/incidents/{incidentId}/obligations/{obligationId}',
  handler: 'obligations/update-obligation',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Set trigger times (e.g. a later determination) or facts; the clocks are re-computed',
  tag: 'obligations',
  body: obl.UpdateObligationBody,
  response: { status: 200, schema: obl.Obligation },
} as const satisfies Route;

export const createSubmission = {
  id: 'createSubmission',
  method: 'POST',
  path: '/incidents/{incidentId}/obligations/{obligationId}/submissions',
  handler: 'obligations/create-submission',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Record a submission to a regulator (SUB-n): when, to whom, reference, checklist items covered',
  tag: 'obligations',
  body: obl.CreateSubmissionBody,
  response: { status: 201, schema: obl.Submission },
} as const satisfies Route;

// ---- reminders and regulator drafts (docs/reminders.md, docs/regulatory.md) ----
export const getObligationDraft = {
  id: 'getObligationDraft',
  method: 'GET',
  path: '/incidents/{incidentId}/obligations/{obligationId}/draft',
  handler: 'obligations/draft-notice',
  roles: READERS,
  table: 'RO',
  summary:
    'Draft a regulator notice for an obligation: a template rendered with the incident, and which checklist items are still empty',
  tag: 'obligations',
  query: rem.ObligationDraftQuery,
  response: { status: 200, schema: rem.ObligationDraft },
} as const satisfies Route;
