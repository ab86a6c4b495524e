/**
 * Acknowledgement links of escalation notices (docs/escalation.md, "Acknowledgement by link").
 *
 * Every contact an escalation level reaches gets its OWN link `<publicBaseUrl>/acknowledge/<token>`
 * for that chain level: one message per contact (SNS filter on its id), so a colleague of the same
 * organization never sees it. The token is 256 random bits, stored only as its SHA-256, single use,
 * valid `LIAISON_ACK_TOKEN_DAYS` (default 7). `POST /acknowledge/{token}` (public) acknowledges the
 * incident as `contact:<id>` of its organization, exactly like `POST /incidents/{id}/acknowledge`:
 * every active chain stops, its pending schedule is deleted, the timeline says who acknowledged by
 * link. Unknown or malformed → 404 ACK_TOKEN_NOT_FOUND, used → 410 ACK_TOKEN_USED, expired → 410
 * ACK_TOKEN_EXPIRED; failures count against the same per-IP limit as `/verify` (429).
 */

import type { NotifyDeps } from '../../aws/ports.js';
import type { AcknowledgementLinkConfig, VerificationConfig } from '../../config.js';
import type { AckTokenItem } from '../../db/entities/ack-token.js';
import { AppError, GoneError } from '../../errors.js';
import { logger } from '../../logging.js';
import type { Caller } from '../../model/caller.js';
import type { Tlp } from '../../schemas/common.js';
import type { AcknowledgeByLinkBody, LinkAcknowledgement } from '../../schemas/escalation.js';
import type { Deps } from '../deps.js';
import { attemptPublish, directOutbox, outboxPuts } from '../notifications/delivery.js';
import { addDays, hashToken, tokenExpired } from '../verification/rules.js';
import { rateBucket, TooManyAttemptsError } from '../verification/service.js';
import { type EscalationRuntime, endChains } from './chain-end.js';

/** `a` + 32 random bytes in base64url (44 characters); the `a` keeps it apart from `v…` tokens. */
export const ACK_TOKEN_PATTERN = /^a[A-Za-z0-9_-]{43}$/;

export const ACK_LINK_KIND = 'escalation.acknowledge-link';

export function newAckToken(random: (n: number) => Buffer): { token: string; hash: string } {
  const token = `a${random(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

/** The absolute link of a token (`base` without a trailing slash). */
export const acknowledgementUrl = (base: string, token: string): string => `${base}/acknowledge/${token}`;

/** The notice's acknowledgement line: absolute URLs only (a partner cannot use a relative path). */
export const acknowledgeHint = (base: string, incidentId: string): string =>
  `Acknowledge: open the personal link ${base}/acknowledge/… sent to each recipient with this notice ` +
  `(no login needed); Liaison users may also POST ${base}/incidents/${incidentId}/acknowledge.`;

/** 404: no such acknowledgement link (never says whether an incident or a contact exists). */
export class AckTokenNotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'ACK_TOKEN_NOT_FOUND';
}

/** 410: the link existed but cannot be used any more. */
export class AckTokenGoneError extends GoneError {
  constructor(message: string, code: 'ACK_TOKEN_USED' | 'ACK_TOKEN_EXPIRED') {
    super(message, code);
  }
}

/** What a token allows, or why not (pure): the order of the checks is the order of the answers. */
export function ackTokenState(
  stored: Pick<AckTokenItem, 'usedAt' | 'tokenExpiresAt'> | undefined,
  now: Date,
): 'unknown' | 'used' | 'expired' | 'usable' {
  if (!stored) return 'unknown';
  if (stored.usedAt) return 'used';
  if (tokenExpired(stored.tokenExpiresAt, now)) return 'expired';
  return 'usable';
}

export interface LevelLinks {
  readonly incidentId: string;
  readonly incidentTitle: string;
  readonly tlp: Tlp;
  readonly chainId: string;
  readonly level: number;
  readonly levels: number;
  readonly nextLevelAt: string | null;
  /** The contacts the level's notice reached, per organization. */
  readonly organizations: readonly { organizationId: string; contactIds: readonly string[] }[];
}

/**
 * Issues and sends one acknowledgement link per contact the level reached: one transaction (the
 * token's hash + the link message's outbox item) and a Publish each, to that contact only. A stored
 * link is delivered at least once (a failed publish is the notification sweeper's to retry, same
 * messageId). A contact whose link could not be stored is logged and counted `failed`, never fails
 * the level (its notice already went out). Returns the counts.
 */
export async function sendAcknowledgementLinks(
  deps: Deps,
  notify: NotifyDeps | undefined,
  settings: AcknowledgementLinkConfig,
  random: (n: number) => Buffer,
  links: LevelLinks,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  if (!notify) return { sent, failed };
  const createdAt = deps.now().toISOString();
  const tokenExpiresAt = addDays(createdAt, settings.tokenDays);
  for (const { organizationId, contactIds } of links.organizations) {
    for (const contactId of contactIds) {
      const { token, hash } = newAckToken(random);
      const url = acknowledgementUrl(settings.publicBaseUrl, token);
      const messageId = `ACK-${deps.newId()}`;
      // The link is a credential: the outbox keeps the message only until it is published.
      const outbox = directOutbox({
        messageId,
        organizationId,
        contactIds: [contactId],
        kind: ACK_LINK_KIND,
        tlp: links.tlp,
        subject: `Acknowledge escalation level ${links.level}: ${links.incidentTitle}`,
        body: {
          incidentId: links.incidentId,
          content:
            `Incident ${links.incidentId} reached you at escalation level ${links.level} of ${links.levels} (${links.chainId}). ` +
            `Open ${url} to acknowledge it (or send POST ${url}); this stops the escalation` +
            `${links.nextLevelAt ? ` before level ${links.level + 1} is notified at ${links.nextLevelAt}` : ''}. ` +
            `The link is yours, works once and expires at ${tokenExpiresAt}.`,
          acknowledgement: {
            url,
            method: 'POST',
            chainId: links.chainId,
            level: links.level,
            expiresAt: tokenExpiresAt,
          },
        },
        sensitive: true,
        at: createdAt,
      });
      try {
        // The token and its message's outbox item in one transaction, then the Publish: a failed or
        // stopped publish is retried by the notification sweeper with the same messageId.
        await deps.repos.ackTokens.create(
          {
            hash,
            contactId,
            organizationId,
            incidentId: links.incidentId,
            chainId: links.chainId,
            level: links.level,
            createdAt,
            tokenExpiresAt,
          },
          outboxPuts(deps, [outbox]),
        );
        if ((await attemptPublish(deps, notify, outbox)) !== 'sent') {
          logger.warn('acknowledgement link not published yet; the sweeper retries', {
            incidentId: links.incidentId,
            contactId,
          });
        }
        sent++;
      } catch (error) {
        failed++;
        logger.warn('acknowledgement link not sent', {
          incidentId: links.incidentId,
          chainId: links.chainId,
          contactId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return { sent, failed };
}

type LimitSettings = Pick<VerificationConfig, 'maxFailures' | 'windowSeconds'>;

/**
 * Looks a token up behind the per-IP failure limit; a failed lookup is counted when `countFailures`
 * (the POST; the GET page reads only, its route is read-only). Throws 429 / 404 / 410; returns the
 * usable token item.
 */
async function usableToken(
  deps: Deps,
  limits: LimitSettings,
  token: string,
  sourceIp: string,
  countFailures: boolean,
): Promise<{ stored: AckTokenItem; hash: string }> {
  const { bucket, ttl } = rateBucket(sourceIp, deps.now(), limits.windowSeconds);
  if ((await deps.repos.verification.failedAttempts(bucket)) >= limits.maxFailures) {
    throw new TooManyAttemptsError('Too many failed attempts; try again later');
  }
  const fail = async (error: AppError): Promise<never> => {
    if (countFailures) await deps.repos.verification.recordFailure(bucket, ttl);
    throw error;
  };
  if (!ACK_TOKEN_PATTERN.test(token)) return fail(new AckTokenNotFoundError('Unknown acknowledgement link'));
  const hash = hashToken(token);
  const stored = await deps.repos.ackTokens.get(hash);
  const state = ackTokenState(stored, deps.now());
  if (state === 'unknown') return fail(new AckTokenNotFoundError('Unknown acknowledgement link'));
  if (state === 'used') return fail(usedError());
  if (state === 'expired') {
    return fail(new AckTokenGoneError('This acknowledgement link has expired', 'ACK_TOKEN_EXPIRED'));
  }
  return { stored: stored as AckTokenItem, hash };
}

const usedError = () => new AckTokenGoneError('This acknowledgement link was already used', 'ACK_TOKEN_USED');

/**
 * What `GET /acknowledge/{token}` shows: what a POST would acknowledge. Reads only: refused (429)
 * over the IP's failure limit, but its own failures are not counted (the route throttle bounds it).
 */
export async function previewAcknowledgement(
  deps: Deps,
  limits: LimitSettings,
  token: string,
  sourceIp: string,
): Promise<
  Pick<AckTokenItem, 'incidentId' | 'chainId' | 'level' | 'contactId' | 'organizationId' | 'tokenExpiresAt'>
> {
  const { stored } = await usableToken(deps, limits, token, sourceIp, false);
  const { incidentId, chainId, level, contactId, organizationId, tokenExpiresAt } = stored;
  return { incidentId, chainId, level, contactId, organizationId, tokenExpiresAt };
}

/**
 * `POST /acknowledge/{token}`: in ONE incident transaction the token is consumed (only if unused),
 * the incident stamped acknowledged by `contact:<id>`, every active chain ended, and an
 * `incident.acknowledged` entry (data `via: link`, contact, organization, chain, level) written;
 * then the pending schedules are deleted. No chain still running: 200 with `alreadyStopped: true`
 * (the acknowledgement is recorded all the same). A concurrent use of the same link: 410.
 */
export async function acknowledgeByLink(
  deps: Deps,
  rt: EscalationRuntime,
  limits: LimitSettings,
  token: string,
  sourceIp: string,
  body: AcknowledgeByLinkBody = {},
): Promise<LinkAcknowledgement> {
  const { stored, hash } = await usableToken(deps, limits, token, sourceIp, true);
  const by = `contact:${stored.contactId}`;
  const actor: Caller = { subject: by, organization: stored.organizationId, roles: [] };
  const note = body.note ? `: ${body.note}` : '';
  let first = true;
  const out = await endChains(deps, rt, actor, stored.incidentId, 'acknowledged', {
    only: () => true,
    assertOpen: false,
    skipTriggers: true,
    // A retry after a lost race re-reads the token: used by the other request → 410.
    check: async () => {
      if (first) {
        first = false;
        return;
      }
      if ((await deps.repos.ackTokens.get(hash))?.usedAt) throw usedError();
    },
    items: (at) => [deps.repos.ackTokens.usePart(hash, at)],
    type: 'incident.acknowledged',
    summary: (ids) =>
      `Incident acknowledged by contact ${stored.contactId} of ${stored.organizationId} with the link of ${stored.chainId} level ${stored.level}${note}${
        ids.length ? `; stopped ${ids.join(', ')}` : '; no escalation was still running'
      }`,
    data: {
      via: 'link',
      contactId: stored.contactId,
      organizationId: stored.organizationId,
      chainId: stored.chainId,
      level: stored.level,
      ...(body.note ? { note: body.note } : {}),
    },
    incident: (current, at) => ({ ...current, acknowledgedAt: at, acknowledgedBy: by }),
    result: (_stored, _ids, at) => at,
  });
  const alreadyStopped = out.chainIds.length === 0;
  return {
    acknowledged: true,
    incidentId: stored.incidentId,
    chainId: stored.chainId,
    level: stored.level,
    acknowledgedAt: out.result as string,
    stoppedChains: out.chainIds,
    cancelledSchedules: out.cancelled,
    alreadyStopped,
    message: alreadyStopped
      ? `Thank you: your acknowledgement of ${stored.incidentId} is recorded. No escalation was still running (it had been acknowledged or had ended).`
      : `Thank you: ${stored.incidentId} is acknowledged; escalation ${out.chainIds.join(', ')} stopped.`,
  };
}

/**
 * Issues an acknowledgement token for one contact and chain level now, WITHOUT sending it; returns
 * the token. For tests, fixtures and the benchmark (the token is the credential of a public route).
 */
export async function issueAcknowledgementToken(
  deps: Deps,
  target: Pick<AckTokenItem, 'contactId' | 'organizationId' | 'incidentId' | 'chainId' | 'level'>,
  settings: Pick<AcknowledgementLinkConfig, 'tokenDays'>,
  random: (n: number) => Buffer,
): Promise<string> {
  const { token, hash } = newAckToken(random);
  const createdAt = deps.now().toISOString();
  await deps.repos.ackTokens.create(
    {
      hash,
      ...target,
      createdAt,
      tokenExpiresAt: addDays(createdAt, settings.tokenDays),
    },
    [],
  );
  return token;
}
