/**
 * The contact-directory verification sweep (Scheduler target `verification-sweep`, daily by default;
 * docs/verification.md). One run:
 *  1. `due`: pages through the sparse gsi5 index (live contacts by next verification action, oldest
 *     first, `<= asOf`), 16 contacts at a time: a due contact is CLAIMED (conditional update + token
 *     hash + the link's outbox item, one transaction) and then sent its link (the notification
 *     sweeper publishes what was not); an outstanding one past its grace turns stale.
 *     Progress (cursor, counts) is saved after every page, so a run cut off resumes there.
 *  2. `report`: reads the directory (every organization and live contact, each organization's
 *     agreements), tells each organization's owner and the `coordination` group about new stale
 *     contacts (one message per organization), tells the group once about organizations without a
 *     verified primary contact and agreements expiring within 30 days, and stores the results and
 *     the directory health (`GET /directory/health` reads that one item).
 */
import type { VerificationConfig } from '../../config.js';
import { logger } from '../../logging.js';
import type { Deps } from '../deps.js';
import { directOutbox, type OutboxItem, outboxPuts } from '../notifications/delivery.js';
import { organizationAgreements } from '../organizations/service.js';
import {
  addDays,
  contactsToReverify,
  countStatuses,
  expiresSoon,
  mapLimit,
  newToken,
  organizationsWithoutVerifiedPrimary,
  type StatusCounts,
  sendTimes,
  sweepAction,
  type VerifiableContact,
} from './rules.js';

/** One Publish to an organization's topic for some of its contacts (`publishDirect` of notice.ts). */
export type Publish = (message: {
  organizationId: string;
  contactIds: string[];
  kind: string;
  subject: string;
  body: Record<string, unknown>;
  messageId: string;
}) => Promise<void>;

export interface SweepCounts {
  /** Contacts read from the index (due, outstanding past grace, or stale entries). */
  due: number;
  sent: number;
  /** Nothing to do after all (claimed by another sweep, changed meanwhile, not due any more). */
  skipped: number;
  stale: number;
  /** The link's first Publish failed: it stays in the outbox, the notification sweeper retries it. */
  failed: number;
}

export interface SweepRun {
  readonly runId: string;
  /** The run's "now": a contact is due when its action time is at or before it. */
  readonly asOf: string;
  readonly startedAt: string;
  updatedAt: string;
  phase: 'due' | 'report' | 'done';
  /** gsi5 LastEvaluatedKey of the last page fully processed (null: from the start). */
  cursor: Record<string, unknown> | null;
  pages: number;
  invocations: number;
  counts: SweepCounts;
  /** Contacts turned stale by this run, per organization (told in the report phase). */
  staleByOrganization: Record<string, string[]>;
}

export interface DirectoryHealthData {
  readonly total: StatusCounts;
  readonly byOrganization: (StatusCounts & { organizationId: string; name: string })[];
  readonly byDimension: Record<string, StatusCounts>;
  readonly organizationsWithoutVerifiedPrimary: { organizationId: string; name: string }[];
  readonly expiringAgreements: {
    organizationId: string;
    agreementId: string;
    type: string;
    expiresAt: string;
  }[];
  /** Contacts an exercise finding flagged for re-verification (absent in results of older sweeps). */
  readonly contactsToReverify?: ReturnType<typeof contactsToReverify>;
}

export interface SweepResult {
  readonly runId: string;
  readonly asOf: string;
  readonly startedAt: string;
  readonly completedAt: string;
  readonly invocations: number;
  readonly pages: number;
  readonly counts: SweepCounts;
  readonly notified: { staleOrganizations: number; flagMessages: number; failed: number };
  readonly health: DirectoryHealthData;
}

export interface SweepOptions {
  readonly settings: Pick<VerificationConfig, 'tokenDays' | 'graceDays' | 'publicBaseUrl'>;
  /** Report messages (stale contacts, flags): one Publish each (`publishDirect`). */
  readonly publish: Publish;
  /** The first Publish of a verification link's outbox item (`attemptPublish`; the sweeper retries). */
  readonly deliver: (item: OutboxItem) => Promise<'sent' | 'pending' | 'failed'>;
  /** Lambda's `context.getRemainingTimeInMillis` (a test passes a tiny one). */
  readonly remainingMs: () => number;
  /** Stop (and save) when less than this remains before a page. Default 30 s. */
  readonly reserveMs?: number;
  readonly pageSize?: number;
  /** Contacts processed at once (claims + publishes in flight). Default 16. */
  readonly concurrency?: number;
  /**
   * Set by a continuation schedule: resume THIS run only. When it is no longer in progress (the
   * daily sweep finished it meanwhile) the invocation does nothing instead of starting a new run.
   */
  readonly resumeRunId?: string;
}

export type SweepOutcome =
  | { readonly status: 'nothing-to-resume'; readonly run: undefined }
  | { readonly status: 'partial'; readonly run: SweepRun }
  | { readonly status: 'done'; readonly run: SweepRun; readonly result: SweepResult };

const emptyCounts = (): SweepCounts => ({ due: 0, sent: 0, skipped: 0, stale: 0, failed: 0 });

export const VERIFICATION_KIND = 'contact.verification';
export const STALE_KIND = 'directory.contacts-stale';
export const FLAGS_KIND = 'directory.flags';
export const COORDINATION_GROUP = 'coordination';

type DueItem = VerifiableContact & {
  name: string;
  dimension: string;
  stakeholderGroup: string;
  channels: { type: string; address: string; priority: string }[];
};

/** The run in progress (resumed), or a new one at `deps.now()`. */
async function currentRun(deps: Deps): Promise<SweepRun> {
  const existing = await deps.repos.verification.loadSweepItem<SweepRun>('run');
  const now = deps.now().toISOString();
  if (existing && existing.phase !== 'done') {
    return { ...existing, invocations: existing.invocations + 1, updatedAt: now };
  }
  return {
    runId: `SWEEP-${deps.newId()}`,
    asOf: now,
    startedAt: now,
    updatedAt: now,
    phase: 'due',
    cursor: null,
    pages: 0,
    invocations: 1,
    counts: emptyCounts(),
    staleByOrganization: {},
  };
}

/**
 * Sends one contact its verification link: the claim, the token hash and the message's outbox item
 * in ONE transaction, then the Publish (`deliver`). A Publish that fails (or a process that stops
 * before it) leaves the message in the outbox: the notification sweeper publishes it, with the same
 * message id. The outcome for the counts (`failed`: the first Publish failed, the sweeper retries).
 */
async function sendVerification(
  deps: Deps,
  c: DueItem,
  options: SweepOptions,
): Promise<'sent' | 'skipped' | 'failed'> {
  const { token, hash } = newToken();
  const times = sendTimes(deps.now(), options.settings);
  const url = `${options.settings.publicBaseUrl}/verify/${token}`;
  const outbox = directOutbox({
    messageId: `VER-${deps.newId()}`,
    organizationId: c.organizationId,
    contactIds: [c.id],
    kind: VERIFICATION_KIND,
    subject: 'Please confirm your contact details',
    body: {
      content:
        `${c.name}, please confirm that these contact details are still yours and current: ` +
        `open the confirmation page ${url} and press "Confirm my details" (or send POST ${url}) before ${times.tokenExpiresAt}. ` +
        'The link works once.',
      contact: { id: c.id, name: c.name, channels: c.channels },
      verification: { url, method: 'POST', code: token, expiresAt: times.tokenExpiresAt },
    },
    // The link is a credential: the stored message is removed once published (or given up on).
    sensitive: true,
    at: times.sentAt,
  });
  const claimed = await deps.repos.verification.claimContact(
    c,
    { hash, ...times },
    outboxPuts(deps, [outbox]),
  );
  if (!claimed) return 'skipped';
  const status = await options.deliver(outbox);
  if (status !== 'sent')
    logger.warn('verification message not published yet; the sweeper retries', { contactId: c.id });
  return status === 'sent' ? 'sent' : 'failed';
}

async function processContact(
  deps: Deps,
  run: SweepRun,
  c: DueItem,
  options: SweepOptions,
): Promise<keyof SweepCounts> {
  const action = sweepAction(c, new Date(run.asOf));
  if (action === 'send') return sendVerification(deps, c, options);
  if (action === 'stale') {
    const at = deps.now().toISOString();
    const ok = await deps.repos.verification.markStale(
      { id: c.id, staleAt: c.verificationStaleAt as string },
      at,
      addDays(at, c.verificationIntervalDays),
    );
    if (!ok) return 'skipped';
    run.staleByOrganization[c.organizationId] = [...(run.staleByOrganization[c.organizationId] ?? []), c.id];
    return 'stale';
  }
  return 'skipped';
}

/** Phase 1: the due contacts, page by page, progress saved after each page. False when cut off. */
async function dueContacts(deps: Deps, run: SweepRun, options: SweepOptions): Promise<boolean> {
  const reserve = options.reserveMs ?? 30_000;
  while (run.phase === 'due') {
    if (options.remainingMs() < reserve) return false;
    const page = await deps.repos.verification.dueContactsPage(
      run.asOf,
      options.pageSize ?? 100,
      run.cursor ?? undefined,
    );
    const outcomes = await mapLimit(page.items, options.concurrency ?? 16, (item) =>
      processContact(deps, run, item, options),
    );
    run.counts.due += page.items.length;
    for (const o of outcomes) run.counts[o]++;
    run.pages++;
    run.cursor = page.last ?? null;
    if (!page.last) run.phase = 'report';
    run.updatedAt = deps.now().toISOString();
    await deps.repos.verification.saveSweepItem('run', run);
  }
  return true;
}

type OrgItem = { id: string; name: string; kind: string; ownerContactId?: string | null };
type ContactItem = DueItem & { stakeholderGroup: string };

/** Recipients grouped by the organization whose topic reaches them. */
function byTopic(contacts: readonly { id: string; organizationId: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of contacts) {
    const ids = out.get(c.organizationId) ?? [];
    if (!ids.includes(c.id)) ids.push(c.id);
    out.set(c.organizationId, ids);
  }
  return out;
}

/** Phase 2: directory health, flags and notifications; the result item. */
async function report(deps: Deps, run: SweepRun, options: SweepOptions): Promise<SweepResult> {
  const now = deps.now();
  const directory = await deps.repos.verification.wholeDirectory();
  const orgs: OrgItem[] = directory.organizations;
  const contacts: ContactItem[] = directory.contacts;
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const agreements = await mapLimit(orgs, options.concurrency ?? 16, async (o) =>
    (await organizationAgreements(deps, o.id)).agreements.map((a) => ({ ...a, organizationId: o.id })),
  );
  const expiringAgreements = agreements
    .flat()
    .filter((a) => expiresSoon(a, now))
    .map((a) => ({
      organizationId: a.organizationId,
      agreementId: a.id,
      type: a.type,
      expiresAt: a.expiresAt as string,
    }));
  const counts = countStatuses(contacts);
  const nameOf = (id: string) => orgById.get(id)?.name ?? id;
  const health: DirectoryHealthData = {
    total: counts.total,
    byOrganization: Object.entries(counts.byOrganization)
      .map(([organizationId, c]) => ({ organizationId, name: nameOf(organizationId), ...c }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    byDimension: counts.byDimension,
    organizationsWithoutVerifiedPrimary: organizationsWithoutVerifiedPrimary(
      orgs.map((o) => o.id),
      contacts,
    ).map((organizationId) => ({ organizationId, name: nameOf(organizationId) })),
    expiringAgreements,
    contactsToReverify: contactsToReverify(contacts),
  };
  const toReverify = health.contactsToReverify ?? [];

  // The deploying organization's coordination team only: a partner's contact filed under
  // `coordination` must not receive the directory report (other organizations' contacts and flags).
  const coordination = contacts.filter(
    (c) => c.stakeholderGroup === COORDINATION_GROUP && c.dimension !== 'external',
  );
  const notified = { staleOrganizations: 0, flagMessages: 0, failed: 0 };
  const send = async (
    recipients: readonly { id: string; organizationId: string }[],
    kind: string,
    subject: string,
    body: Record<string, unknown>,
    about = '',
  ): Promise<number> => {
    let sent = 0;
    for (const [organizationId, contactIds] of byTopic(recipients)) {
      try {
        await options.publish({
          organizationId,
          contactIds,
          kind,
          subject,
          body,
          // Stable per run, message and topic: a report re-sent by a resumed run carries the same id.
          messageId: `DIR-${run.runId}.${kind}${about ? `.${about}` : ''}.${organizationId}`,
        });
        sent++;
      } catch (error) {
        notified.failed++;
        logger.warn('directory notification not published', { kind, organizationId, error });
      }
    }
    return sent;
  };

  for (const [organizationId, staleIds] of Object.entries(run.staleByOrganization)) {
    const org = orgById.get(organizationId);
    const owner = org?.ownerContactId ? contactById.get(org.ownerContactId) : undefined;
    const recipients = [...(owner ? [owner] : []), ...coordination];
    const staleContacts = staleIds.map((id) => ({ id, name: contactById.get(id)?.name ?? id }));
    const sent = await send(
      recipients,
      STALE_KIND,
      `Stale contacts at ${nameOf(organizationId)}`,
      {
        content:
          `${staleContacts.length} contact(s) of ${nameOf(organizationId)} did not confirm their details ` +
          'within the grace period and are now stale: update them or name alternates.',
        organization: { id: organizationId, name: nameOf(organizationId) },
        staleContacts,
        ownerContactId: owner?.id ?? null,
      },
      organizationId,
    );
    if (sent > 0) notified.staleOrganizations++;
  }

  if (
    health.organizationsWithoutVerifiedPrimary.length > 0 ||
    expiringAgreements.length > 0 ||
    toReverify.length > 0
  ) {
    notified.flagMessages += await send(coordination, FLAGS_KIND, 'Contact directory: attention needed', {
      content:
        `${health.organizationsWithoutVerifiedPrimary.length} organization(s) without a verified primary contact; ` +
        `${expiringAgreements.length} sharing agreement(s) expiring within 30 days; ` +
        `${toReverify.length} contact(s) flagged for re-verification by an exercise.`,
      organizationsWithoutVerifiedPrimary: health.organizationsWithoutVerifiedPrimary,
      expiringAgreements,
      contactsToReverify: toReverify,
    });
  }

  return {
    runId: run.runId,
    asOf: run.asOf,
    startedAt: run.startedAt,
    completedAt: deps.now().toISOString(),
    invocations: run.invocations,
    pages: run.pages,
    counts: run.counts,
    notified,
    health,
  };
}

/** Runs (or resumes) the sweep until done or until the time left is below the reserve. */
export async function runVerificationSweep(deps: Deps, options: SweepOptions): Promise<SweepOutcome> {
  if (options.resumeRunId !== undefined) {
    const existing = await deps.repos.verification.loadSweepItem<SweepRun>('run');
    if (!existing || existing.runId !== options.resumeRunId || existing.phase === 'done') {
      return { status: 'nothing-to-resume', run: undefined };
    }
  }
  const run = await currentRun(deps);
  await deps.repos.verification.saveSweepItem('run', run);
  if (!(await dueContacts(deps, run, options))) return { status: 'partial', run };
  if (options.remainingMs() < (options.reserveMs ?? 30_000)) {
    await deps.repos.verification.saveSweepItem('run', run);
    return { status: 'partial', run };
  }
  const result = await report(deps, run, options);
  await deps.repos.verification.saveSweepItem('last', result);
  run.phase = 'done';
  run.updatedAt = result.completedAt;
  await deps.repos.verification.saveSweepItem('run', run);
  return { status: 'done', run, result };
}
