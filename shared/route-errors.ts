/**
 * Error codes a route answers besides the generic ones of its status (`VALIDATION_FAILED`,
 * `NOT_FOUND`, …), by route id (`shared/routes.ts`). The OpenAPI document lists them under the
 * response of their status (`x-error-codes` and the description), so a client can branch on a code
 * without reading the source. Every code here is checked, by a test, to be thrown by the code.
 * Add an entry when a route gains a code; detail codes (`details[].code`) are listed with `detail`.
 */
export interface RouteErrorCode {
  readonly status: 400 | 409 | 410 | 422 | 429;
  readonly code: string;
  readonly when: string;
  /** A code of `details[].code` (the top-level code is the status's generic one). */
  readonly detail?: true;
}

export const ROUTE_ERRORS: Readonly<Record<string, readonly RouteErrorCode[]>> = {
  updateAgreementUpdate: [
    {
      status: 409,
      code: 'INVALID_TRANSITION',
      when: 'the status may not follow the current one (the detail names `from`, `to` and what is allowed)',
    },
  ],
  recordSlaBreaches: [
    {
      status: 409,
      code: 'NO_SLA_BREACH',
      when: 'no contractual SLA is breached on the incident, or every breach is recorded already',
    },
  ],
  openReview: [
    { status: 409, code: 'ALREADY_EXISTS', when: 'the incident already has a joint review' },
    {
      status: 400,
      code: 'ABOVE_INCIDENT_TLP',
      when: 'the review’s TLP is above the incident’s (`body.tlp`)',
      detail: true,
    },
  ],
  createReviewContribution: [
    { status: 409, code: 'REVIEW_SHARED', when: 'the review was consolidated and shared' },
    {
      status: 400,
      code: 'ABOVE_INCIDENT_TLP',
      when: 'the contribution’s TLP is above the incident’s (`body.tlp`)',
      detail: true,
    },
  ],
  consolidateReview: [
    { status: 409, code: 'REVIEW_SHARED', when: 'the review was consolidated and shared already' },
    {
      status: 422,
      code: 'CONTRIBUTION_ABOVE_TLP',
      when: 'an included contribution is marked above the result’s TLP (one detail per contribution)',
    },
    { status: 422, code: 'TLP_REFUSED', when: 'a participant may not receive the result at that TLP' },
  ],
  acceptQuarantinedEmail: [
    { status: 409, code: 'NOT_QUARANTINED', when: 'the e-mail was accepted or rejected already' },
  ],
  rejectQuarantinedEmail: [
    { status: 409, code: 'NOT_QUARANTINED', when: 'the e-mail was accepted or rejected already' },
  ],
  createIndicator: [
    {
      status: 400,
      code: 'ABOVE_INCIDENT_TLP',
      when: 'the indicator’s TLP is above the incident’s (`body.tlp`)',
      detail: true,
    },
  ],
  createSighting: [
    { status: 409, code: 'TOO_MANY_SIGHTINGS', when: 'the indicator has its maximum of sightings' },
  ],
  createCollection: [
    {
      status: 400,
      code: 'COLLECTION_TLP_TOO_HIGH',
      when: 'RED, or AMBER+STRICT with more than one member organization (`body.tlpCeiling`)',
      detail: true,
    },
  ],
  updateCollection: [
    {
      status: 400,
      code: 'COLLECTION_TLP_TOO_HIGH',
      when: 'RED, or AMBER+STRICT with more than one member organization (`body.tlpCeiling`)',
      detail: true,
    },
  ],
  attachObligation: [
    { status: 409, code: 'ALREADY_ATTACHED', when: 'the regime is already attached to the incident' },
  ],
  createSubmission: [
    {
      status: 409,
      code: 'CLOCK_NOT_APPLICABLE',
      when: 'the clock does not apply under the obligation’s recorded facts',
    },
    {
      status: 409,
      code: 'CLOCK_NOT_STARTED',
      when: 'the clock has not started (its trigger is not set yet)',
    },
    { status: 409, code: 'TOO_MANY_SUBMISSIONS', when: 'the obligation has its maximum of submissions' },
  ],
  endExercise: [{ status: 409, code: 'EXERCISE_ENDED', when: 'the exercise has ended already' }],
  createExercise: [{ status: 409, code: 'ALREADY_EXISTS', when: 'an exercise with that id exists' }],
  raiseExerciseFinding: [
    {
      status: 409,
      code: 'FINDING_RAISED',
      when: 'the finding was raised already (the detail names its `link`)',
    },
    { status: 422, code: 'FINDING_PROPOSES_NOTHING', when: 'the finding proposes `none`' },
    {
      status: 422,
      code: 'NO_PLAYBOOK',
      when: 'a `playbook_action` finding of an exercise that ran a scenario without a playbook',
    },
    { status: 409, code: 'CONTACT_DELETED', when: 'the contact of a `contact_fix` finding was deleted' },
  ],
  completeActivation: [
    {
      status: 409,
      code: 'OPEN_COORDINATED_ACTIONS',
      when: 'a coordinated action is still pending, acknowledged or in progress (one detail per action)',
    },
    { status: 409, code: 'ACTIVATION_NOT_ACTIVE', when: 'the activation is already completed' },
  ],
  closeIncident: [
    {
      status: 409,
      code: 'OPEN_COORDINATED_ACTIONS',
      when: 'a coordinated action of a playbook activation is still open (one detail per action)',
    },
  ],
  previewCommunication: [
    {
      status: 400,
      code: 'ABOVE_INCIDENT_TLP',
      when: 'the communication’s TLP is above the incident’s (`body.tlp`)',
      detail: true,
    },
  ],
  createCommunication: [
    {
      status: 400,
      code: 'ABOVE_INCIDENT_TLP',
      when: 'the communication’s TLP is above the incident’s (`body.tlp`)',
      detail: true,
    },
    {
      status: 422,
      code: 'TLP_REFUSED',
      when: 'a recipient may not receive the communication’s TLP (one detail per refused recipient)',
    },
  ],
};
