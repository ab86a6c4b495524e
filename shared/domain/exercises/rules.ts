/**
 * Exercise rules (pure, docs/exercises.md): the instants of the injects, and the report's figures —
 * per action and per organization, time to acknowledge and to complete against the playbook's
 * timeframes, unreachable contacts, escalation levels fired. Nothing here reads or writes.
 */
import { ConflictError, type ErrorDetail, UnprocessableError, ValidationError } from '../../errors.js';
import { type FindingProposal, RAISED_AS } from '../../model/exercise.js';
import type { AgreementTopic } from '../../schemas/agreements.js';
import type { CoordinatedAction } from '../../schemas/coordination.js';
import type {
  ExerciseResults,
  Finding,
  FindingLink,
  Inject,
  RaiseFindingBody,
  UnreachableContact,
} from '../../schemas/exercises.js';
import type { Communication } from '../../schemas/incidents.js';
import { median } from '../dashboard/service.js';

const MINUTE_MS = 60_000;
const minutes = (from: string, to: string): number =>
  Math.round(((Date.parse(to) - Date.parse(from)) / MINUTE_MS) * 10) / 10;

/** Exercise ids: `EX-<id>`; findings are numbered per exercise: FINDING-1, FINDING-2, … */
export const findingId = (n: number): string => `FINDING-${n}`;

/** When inject `inject` fires: the exercise start plus its offset. */
export const injectInstant = (startAt: string, inject: Pick<Inject, 'offsetMinutes'>): Date =>
  new Date(Date.parse(startAt) + inject.offsetMinutes * MINUTE_MS);

/** 409 EXERCISE_ENDED: an ended exercise takes no more findings, injects or end. */
export function assertRunning(exercise: { id: string; status: string }): void {
  if (exercise.status !== 'running') {
    throw new ConflictError(
      `Exercise ${exercise.id} has ended`,
      [{ field: 'path.exerciseId', message: 'the exercise has ended' }],
      'EXERCISE_ENDED',
    );
  }
}

export interface ActionFigures {
  actionId: string;
  description: string;
  organizationId: string;
  status: string;
  timeframeMinutes: number | null;
  acknowledgeMinutes: number | null;
  completeMinutes: number | null;
  withinTimeframe: boolean | null;
}

/** One coordinated action against its playbook timeframe (due date − activation). */
export function actionFigures(activatedAt: string, a: CoordinatedAction): ActionFigures {
  return {
    actionId: a.actionId,
    description: a.description,
    organizationId: a.responsibleOrganization,
    status: a.status,
    timeframeMinutes: a.dueDate ? minutes(activatedAt, a.dueDate) : null,
    acknowledgeMinutes: a.acknowledgedAt ? minutes(activatedAt, a.acknowledgedAt) : null,
    completeMinutes: a.completedAt ? minutes(activatedAt, a.completedAt) : null,
    withinTimeframe: a.completedAt && a.dueDate ? Date.parse(a.completedAt) <= Date.parse(a.dueDate) : null,
  };
}

function summarise(actions: readonly ActionFigures[]) {
  const ack = actions.map((a) => a.acknowledgeMinutes).filter((m): m is number => m !== null);
  const done = actions.map((a) => a.completeMinutes).filter((m): m is number => m !== null);
  return {
    actions: actions.length,
    acknowledged: ack.length,
    completed: done.length,
    completedWithinTimeframe: actions.filter((a) => a.withinTimeframe === true).length,
    medianAcknowledgeMinutes: median(ack),
    medianCompleteMinutes: median(done),
  };
}

/** Per organization, in the order of `organizations` (participants without actions too). */
export function organizationFigures(organizations: readonly string[], actions: readonly ActionFigures[]) {
  const ids = [...new Set([...organizations, ...actions.map((a) => a.organizationId)])];
  return ids.map((organizationId) => ({
    organizationId,
    ...summarise(actions.filter((a) => a.organizationId === organizationId)),
  }));
}

type ContactState = { organizationId: string; verificationStatus?: string | undefined };

/**
 * Contacts the exercise could not rely on, from its outbound messages: `bounced` (the message to
 * its organization failed), `unverified` (not verified in the directory), `no_ack` (its
 * organization left an action unacknowledged). One row per contact and reason.
 */
export function unreachableContacts(input: {
  communications: readonly Communication[];
  contacts: ReadonlyMap<string, ContactState>;
  actions: readonly ActionFigures[];
}): UnreachableContact[] {
  const rows = new Map<string, UnreachableContact>();
  const add = (contactId: string, organizationId: string, reason: UnreachableContact['reason']) =>
    rows.set(`${contactId}#${reason}`, { contactId, organizationId, reason });
  const silent = new Set(
    input.actions.filter((a) => a.acknowledgeMinutes === null).map((a) => a.organizationId),
  );
  for (const c of input.communications) {
    if (c.direction !== 'outbound') continue;
    for (const o of c.delivery?.organizations ?? []) {
      for (const contactId of o.recipients) {
        if (o.status === 'failed') add(contactId, o.organizationId, 'bounced');
        const known = input.contacts.get(contactId);
        if (known && known.verificationStatus !== 'verified') add(contactId, o.organizationId, 'unverified');
        if (silent.has(o.organizationId)) add(contactId, o.organizationId, 'no_ack');
      }
    }
  }
  return [...rows.values()].sort(
    (a, b) => a.organizationId.localeCompare(b.organizationId) || a.contactId.localeCompare(b.contactId),
  );
}

/** The escalation levels notified, from the incident's chains. */
export function escalationLevels(
  chains: readonly { chainId: string; steps: readonly { level: number; at: string }[] }[],
) {
  return chains
    .flatMap((c) => c.steps.map((s) => ({ chainId: c.chainId, level: s.level, at: s.at })))
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** The headline figures (stored on the exercise when it ends; compared across exercises). */
export function results(input: {
  actions: readonly ActionFigures[];
  unreachable: readonly UnreachableContact[];
  escalationLevelsFired: number;
  findings: number;
}): ExerciseResults {
  return {
    ...summarise(input.actions),
    unreachableContacts: new Set(input.unreachable.map((u) => u.contactId)).size,
    escalationLevelsFired: input.escalationLevelsFired,
    findings: input.findings,
  };
}

// ---------------------------------------------------------------- raising a finding

/** The body fields each proposal takes (`POST …/findings/{id}/raise`); any other field is a 400. */
export const RAISE_FIELDS: Readonly<
  Record<Exclude<FindingProposal, 'none'>, readonly (keyof RaiseFindingBody)[]>
> = {
  contract_update: ['topic', 'proposedChange', 'owner', 'dueDate', 'agreementId'],
  playbook_action: ['action', 'responsible', 'timeframe'],
  contact_fix: ['reason'],
};

/** What raising a finding will create, its fields resolved (defaults from the finding). */
export type RaiseRequest =
  | {
      readonly kind: 'contract_update';
      readonly organizationId: string;
      readonly topic: AgreementTopic;
      readonly proposedChange: string;
      readonly owner: string;
      readonly dueDate: string;
      readonly agreementId?: string | undefined;
    }
  | {
      readonly kind: 'playbook_action';
      readonly action: string;
      readonly responsible: string;
      readonly timeframe: string;
    }
  | { readonly kind: 'contact_fix'; readonly contactId: string; readonly reason: string };

/** 409 FINDING_RAISED naming what the finding became. */
export function findingRaised(finding: Pick<Finding, 'findingId'>, link: FindingLink): ConflictError {
  const what = `${link.kind} ${link.id}${link.playbookVersion !== undefined ? ` version ${link.playbookVersion}` : ''}`;
  return new ConflictError(
    `Finding ${finding.findingId} was raised already: ${what}`,
    [{ field: 'path.findingId', message: `raised already as ${what}`, link }],
    'FINDING_RAISED',
  );
}

/**
 * Decides what raising `finding` with `body` creates: 409 FINDING_RAISED when it was raised, 422
 * FINDING_PROPOSES_NOTHING for `proposes: none`, 400 naming each missing field or each field of
 * another kind. `recommendation` is the default proposed change / action, the finding's
 * organization the default responsible one, the finding itself the default re-verification reason.
 */
export function raiseRequest(finding: Finding, body: RaiseFindingBody): RaiseRequest {
  if (finding.link) throw findingRaised(finding, finding.link);
  if (finding.proposes === 'none') {
    throw new UnprocessableError(
      `Finding ${finding.findingId} proposes nothing: there is nothing to raise`,
      [{ field: 'path.findingId', message: 'the finding proposes none' }],
      'FINDING_PROPOSES_NOTHING',
    );
  }
  const kind = finding.proposes;
  const allowed: readonly string[] = RAISE_FIELDS[kind];
  const details: ErrorDetail[] = Object.keys(body)
    .filter((k) => body[k as keyof RaiseFindingBody] !== undefined && !allowed.includes(k))
    .map((k) => ({ field: `body.${k}`, message: `not used when the finding proposes ${kind}` }));
  const need = <T>(field: keyof RaiseFindingBody, value: T | undefined, why = 'required'): T => {
    if (value === undefined)
      details.push({ field: `body.${field}`, message: `${why} (the finding proposes ${kind})` });
    return value as T;
  };
  let request: RaiseRequest;
  if (kind === 'contract_update') {
    request = {
      kind,
      organizationId: finding.organizationId as string, // required on contract_update findings
      topic: need('topic', body.topic),
      proposedChange: need(
        'proposedChange',
        body.proposedChange ?? finding.recommendation,
        'required: the finding has no recommendation',
      ),
      owner: need('owner', body.owner),
      dueDate: need('dueDate', body.dueDate),
      ...(body.agreementId ? { agreementId: body.agreementId } : {}),
    };
  } else if (kind === 'playbook_action') {
    request = {
      kind,
      action: need(
        'action',
        body.action ?? finding.recommendation,
        'required: the finding has no recommendation',
      ),
      responsible: need(
        'responsible',
        body.responsible ?? finding.organizationId,
        'required: the finding names no organization',
      ),
      timeframe: need('timeframe', body.timeframe),
    };
  } else {
    request = {
      kind,
      contactId: finding.contactId as string, // required on contact_fix findings
      reason: body.reason ?? finding.finding,
    };
  }
  if (details.length > 0) {
    throw new ValidationError(`Cannot raise ${finding.findingId} as ${RAISED_AS[kind]}`, details);
  }
  return request;
}

/** The link a raised finding records. */
export const findingLink = (
  kind: Exclude<FindingProposal, 'none'>,
  id: string,
  at: string,
  by: string,
  extra: Pick<FindingLink, 'playbookVersion' | 'actionIndex'> = {},
): FindingLink => ({ kind: RAISED_AS[kind], id, ...extra, linkedAt: at, linkedBy: by });

/** 422 NO_PLAYBOOK: a scenario exercise has no playbook to add an action to. */
export function assertHasPlaybook(exercise: { id: string; playbookId?: string | undefined }): string {
  if (exercise.playbookId) return exercise.playbookId;
  throw new UnprocessableError(
    `Exercise ${exercise.id} ran a scenario without a playbook: there is no playbook to add the action to`,
    [{ field: 'path.exerciseId', message: 'the exercise has no playbook' }],
    'NO_PLAYBOOK',
  );
}

/** A contact flagged for re-verification is due now, unless a verification is outstanding already. */
export function reverificationDue(
  contact: { nextVerificationDue: string; verificationStaleAt?: string | null | undefined },
  at: string,
): string {
  return contact.verificationStaleAt ? contact.nextVerificationDue : at;
}
