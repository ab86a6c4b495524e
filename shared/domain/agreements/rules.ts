/**
 * Agreement updates and contractual SLAs (pure; docs/agreements.md): the status machine of an
 * agreement update, and the measurement of a third party's contractual SLAs from an incident's
 * communications and timeline.
 */
import { ConflictError } from '../../errors.js';
import type { AgreementUpdateStatus, SlaMeasurement, SlaMetric } from '../../schemas/agreements.js';

// ---------------------------------------------------------------- status machine

/** The statuses each status may move to (signed, rejected and withdrawn are final). */
export const TRANSITIONS: Readonly<Record<AgreementUpdateStatus, readonly AgreementUpdateStatus[]>> = {
  proposed: ['agreed', 'rejected', 'withdrawn'],
  agreed: ['drafted', 'rejected', 'withdrawn'],
  drafted: ['signed', 'rejected', 'withdrawn'],
  signed: [],
  rejected: [],
  withdrawn: [],
};

/** Still to be done (its due date reminds). */
export const isOpenUpdate = (status: AgreementUpdateStatus): boolean => TRANSITIONS[status].length > 0;

/** 409 `INVALID_TRANSITION` naming from and to unless `from → to` is allowed. */
export function assertTransition(from: AgreementUpdateStatus, to: AgreementUpdateStatus): void {
  if (TRANSITIONS[from].includes(to)) return;
  const allowed = TRANSITIONS[from];
  throw new ConflictError(
    `An agreement update cannot go from ${from} to ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ` (${from} is final)`}`,
    [{ field: 'body.status', message: `${from} → ${to} is not allowed`, from, to, allowed: [...allowed] }],
    'INVALID_TRANSITION',
  );
}

// ---------------------------------------------------------------- contractual SLAs

/** The third party's contractual SLA terms (hours; absent: no such term). */
export interface SlaTerms {
  readonly notificationHours?: number | undefined;
  readonly acknowledgementHours?: number | undefined;
}

/** What the measurement reads of a communication. */
export interface SlaCommunication {
  readonly communicationId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly thirdParty?: string | undefined;
  readonly recordedAt: string;
  /** Organizations an outbound communication was delivered to (SNS delivery). */
  readonly deliveredTo?: readonly string[] | undefined;
}

/** What the measurement reads of a timeline entry. */
export interface SlaTimelineEntry {
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly data?: Record<string, unknown> | undefined;
}

export interface SlaFacts {
  readonly thirdPartyId: string;
  readonly terms: SlaTerms;
  /** Awareness: the incident's discovery date. */
  readonly awareAt: string;
  readonly communications: readonly SlaCommunication[];
  readonly timeline: readonly SlaTimelineEntry[];
  readonly now: Date;
}

const HOUR = 3_600_000;
const hoursBetween = (a: string, b: number) => Math.round(((b - Date.parse(a)) / HOUR) * 100) / 100;
const byTime = <T>(xs: readonly T[], at: (x: T) => string) =>
  [...xs].sort((x, y) => Date.parse(at(x)) - Date.parse(at(y)));

function measurement(
  thirdPartyId: string,
  metric: SlaMetric,
  limitHours: number,
  startedAt: string | null,
  met: { at: string; evidence: string } | undefined,
  now: Date,
): SlaMeasurement {
  if (startedAt === null) {
    return {
      thirdPartyId,
      metric,
      limitHours,
      startedAt: null,
      dueAt: null,
      metAt: null,
      status: 'not_started',
      hoursTaken: null,
    };
  }
  const due = Date.parse(startedAt) + limitHours * HOUR;
  const dueAt = new Date(due).toISOString();
  if (met) {
    return {
      thirdPartyId,
      metric,
      limitHours,
      startedAt,
      dueAt,
      metAt: met.at,
      evidence: met.evidence,
      status: Date.parse(met.at) <= due ? 'met' : 'breached',
      hoursTaken: hoursBetween(startedAt, Date.parse(met.at)),
    };
  }
  const late = now.getTime() > due;
  return {
    thirdPartyId,
    metric,
    limitHours,
    startedAt,
    dueAt,
    metAt: null,
    status: late ? 'breached' : 'pending',
    hoursTaken: late ? hoursBetween(startedAt, now.getTime()) : null,
  };
}

/** An acknowledgement by the third party on the timeline: a link acknowledgement of one of its contacts. */
const acknowledgementBy = (e: SlaTimelineEntry, thirdPartyId: string): boolean =>
  e.type === 'incident.acknowledged' && e.data?.organizationId === thirdPartyId;

/**
 * The third party's SLAs on one incident:
 *  - notification (`notificationHours`): from awareness (the incident's discovery date) to the
 *    first INBOUND communication from the third party;
 *  - acknowledgement (`acknowledgementHours`): from our first OUTBOUND communication to it (its
 *    `thirdParty`, or delivered to its contacts) to its first acknowledgement after that: an inbound
 *    communication from it, or an incident acknowledgement by one of its contacts (the link of an
 *    escalation notice). Not started until we wrote to it.
 * Met on time: `met`; late or still missing past the due time: `breached`; else `pending`.
 */
export function measureSlas(facts: SlaFacts): SlaMeasurement[] {
  const { thirdPartyId: tp, terms, now } = facts;
  const comms = byTime(facts.communications, (c) => c.recordedAt);
  const inbound = comms.filter((c) => c.direction === 'inbound' && c.thirdParty === tp);
  const out: SlaMeasurement[] = [];
  if (terms.notificationHours !== undefined) {
    const first = inbound[0];
    out.push(
      measurement(
        tp,
        'notification',
        terms.notificationHours,
        facts.awareAt,
        first ? { at: first.recordedAt, evidence: first.communicationId } : undefined,
        now,
      ),
    );
  }
  if (terms.acknowledgementHours !== undefined) {
    const request = comms.find(
      (c) => c.direction === 'outbound' && (c.thirdParty === tp || (c.deliveredTo ?? []).includes(tp)),
    );
    let met: { at: string; evidence: string } | undefined;
    if (request) {
      const from = Date.parse(request.recordedAt);
      const candidates = [
        ...inbound
          .filter((c) => Date.parse(c.recordedAt) >= from)
          .map((c) => ({ at: c.recordedAt, evidence: c.communicationId })),
        ...facts.timeline
          .filter((e) => acknowledgementBy(e, tp) && Date.parse(e.at) >= from)
          .map((e) => ({ at: e.at, evidence: `timeline #${e.seq}` })),
      ];
      met = byTime(candidates, (c) => c.at)[0];
    }
    out.push(
      measurement(tp, 'acknowledgement', terms.acknowledgementHours, request?.recordedAt ?? null, met, now),
    );
  }
  return out;
}

/** The breaches among measurements. */
export const breachesOf = (ms: readonly SlaMeasurement[]): SlaMeasurement[] =>
  ms.filter((m) => m.status === 'breached');

/** The change an SLA breach proposes (an agreement update's `proposedChange`). */
export function breachProposal(m: SlaMeasurement, incidentId: string): string {
  const what = m.metric === 'notification' ? 'notify us' : 'acknowledge our notices';
  const took = m.metAt ? `took ${m.hoursTaken} h` : `had not done so ${m.hoursTaken} h after the start`;
  return `Breach on ${incidentId}: the contract requires the third party to ${what} within ${m.limitHours} h; it ${took}. Review the ${m.metric} clause (escalation path, penalties, contact points).`;
}
