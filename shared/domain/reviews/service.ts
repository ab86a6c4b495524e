/**
 * Joint post-incident review (docs/agreements.md): a coordinator opens ONE review per incident with
 * organizations that take part in it; their partners (and the operator) add findings and lessons,
 * each TLP-marked; what a reader sees is decided by the TLP module (`contributionVisible`); a
 * coordinator consolidates and the result is shared back to the participants at the chosen TLP as
 * an outbound communication (`createCommunication`: the normal notification path, TLP-checked per
 * recipient, recorded on the incident's timeline and the sharing ledger).
 */

import type { StoredContribution, StoredReview } from '../../db/entities/review.js';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  ConsolidateReviewBody,
  CreateContributionBody,
  OpenReviewBody,
  Review,
  ReviewContribution,
} from '../../schemas/agreements.js';
import { assertMaySeeIncident, incidentNotFound, partnerOrganization } from '../access/partner.js';
import { incidentParticipants } from '../access/visibility.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import { createCommunication } from '../incidents/communications.js';
import { organizationAgreements } from '../organizations/service.js';
import { withOptimisticRetry } from '../retry.js';
import { contributionMarking, contributionVisible, incidentTlp, resultMayCarry } from '../tlp/rules.js';

/** The organization an internal caller contributes for (its token's organization, else `operator`). */
const OPERATOR = 'operator';

const contributionView = ({ incidentId: _i, ...c }: StoredContribution): ReviewContribution => c;

function view(review: StoredReview, contributions: ReviewContribution[], withheld?: number): Review {
  const { contributionSeq: _seq, ...head } = review;
  return { ...head, contributions, ...(withheld !== undefined ? { withheldContributions: withheld } : {}) };
}

const noReview = (incidentId: string) => new NotFoundError(`Incident ${incidentId} has no joint review`);

const closedReview = (incidentId: string) =>
  new ConflictError(
    `The joint review of ${incidentId} was consolidated and shared; it takes no more changes`,
    [{ field: 'path.incidentId', message: 'review already shared' }],
    'REVIEW_SHARED',
  );

/** `POST /incidents/{id}/review`. */
export async function openReview(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: OpenReviewBody,
): Promise<Review> {
  const incident = await deps.repos.incidents.get(incidentId);
  const taking = new Set(incidentParticipants(incident));
  const outside = body.participants.flatMap((id, i) =>
    taking.has(id)
      ? []
      : [{ field: `body.participants.${i}`, message: `${id} does not take part in ${incidentId}` }],
  );
  if (outside.length > 0) {
    throw new ValidationError('A review is held with organizations that take part in the incident', outside);
  }
  const level = incidentTlp(incident);
  const at = deps.now().toISOString();
  const review: StoredReview = {
    incidentId,
    status: 'open',
    participants: body.participants,
    tlp: contributionMarking(level, level, body.tlp),
    openedAt: at,
    openedBy: caller.subject,
    updatedAt: at,
    version: 1,
    contributionSeq: 0,
  };
  await deps.repos.reviews.open(review);
  return view(review, []);
}

/**
 * The review as `caller` may read it: everything for internal readers; for a partner, 404 unless
 * its organization takes part in the incident AND the review, and only the contributions the TLP
 * module lets it read (its own, others' up to its ceiling; the count withheld is given).
 */
export async function getReview(deps: Deps, caller: Caller, incidentId: string): Promise<Review> {
  const partner = partnerOrganization(caller);
  const [incident, found] = await Promise.all([
    deps.repos.incidents.get(incidentId),
    deps.repos.reviews.get(incidentId),
  ]);
  assertMaySeeIncident(caller, incident);
  if (!found) throw noReview(incidentId);
  const all = found.contributions.map(contributionView);
  if (partner === null) return view(found.review, all);
  if (!found.review.participants.includes(partner)) throw incidentNotFound(incidentId);
  const { effectiveTlpCeiling: ceiling } = await organizationAgreements(deps, partner);
  const viewer = { organization: partner, ceiling };
  const visible = all.filter((c) => contributionVisible(c, viewer));
  const shown = view(found.review, visible, all.length - visible.length);
  const result = found.review.result;
  if (result && !contributionVisible({ organizationId: '', tlp: result.tlp }, viewer)) {
    const { result: _hidden, ...rest } = shown;
    return rest;
  }
  return shown;
}

/** `POST /incidents/{id}/review/contributions`: a partner for its organization, or the operator. */
export async function addContribution(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateContributionBody,
): Promise<ReviewContribution> {
  const partner = partnerOrganization(caller);
  return withOptimisticRetry(async () => {
    const [incident, found] = await Promise.all([
      deps.repos.incidents.get(incidentId),
      deps.repos.reviews.get(incidentId),
    ]);
    assertMaySeeIncident(caller, incident);
    if (!found) throw noReview(incidentId);
    if (partner !== null && !found.review.participants.includes(partner)) throw incidentNotFound(incidentId);
    const { review } = found;
    if (review.status !== 'open') throw closedReview(incidentId);
    const n = review.contributionSeq + 1;
    const at = deps.now().toISOString();
    const contribution: StoredContribution = {
      incidentId,
      contributionId: `CONTRIB-${n}`,
      organizationId: partner ?? caller.organization ?? OPERATOR,
      kind: body.kind,
      text: body.text,
      ...(body.recommendation ? { recommendation: body.recommendation } : {}),
      tlp: contributionMarking(incidentTlp(incident), review.tlp, body.tlp),
      recordedAt: at,
      recordedBy: caller.subject,
    };
    const next: StoredReview = { ...review, contributionSeq: n, updatedAt: at, version: review.version + 1 };
    await deps.repos.reviews.addContribution(next, review.version, contribution);
    return contributionView(contribution);
  });
}

/**
 * `POST /incidents/{id}/review/consolidate`: the coordinator's summary with the contributions it
 * includes (each marked at most `tlp`: 422 CONTRIBUTION_ABOVE_TLP otherwise), shared with every
 * participant as ONE outbound communication at `tlp` (createCommunication: its TLP decision per
 * recipient — a refused recipient is 422 TLP_REFUSED and nothing is sent nor written), then the
 * review records the result and takes no more changes.
 */
export async function consolidateReview(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: ConsolidateReviewBody,
  rt: EscalationRuntime,
): Promise<Review> {
  const found = await deps.repos.reviews.get(incidentId);
  if (!found) throw noReview(incidentId);
  if (found.review.status !== 'open') throw closedReview(incidentId);
  const byId = new Map(found.contributions.map((c) => [c.contributionId, c]));
  const unknown = body.include.flatMap((id, i) =>
    byId.has(id) ? [] : [{ field: `body.include.${i}`, message: `no contribution ${id}` }],
  );
  if (unknown.length > 0) throw new ValidationError('Unknown contribution(s)', unknown);
  const included = body.include.map((id) => byId.get(id) as StoredContribution);
  const above = included.flatMap((c, i) =>
    resultMayCarry(body.tlp, c.tlp)
      ? []
      : [
          {
            field: `body.include.${i}`,
            message: `${c.contributionId} is TLP:${c.tlp}, above TLP:${body.tlp}`,
          },
        ],
  );
  if (above.length > 0) {
    throw new UnprocessableError(
      `A result shared at TLP:${body.tlp} may not carry contributions marked above it`,
      above,
      'CONTRIBUTION_ABOVE_TLP',
    );
  }
  const content = [
    body.summary,
    ...included.map(
      (c) =>
        `\n[${c.contributionId}, ${c.organizationId}, ${c.kind}] ${c.text}${c.recommendation ? `\nRecommendation: ${c.recommendation}` : ''}`,
    ),
  ].join('\n');
  const communication = await createCommunication(
    deps,
    caller,
    incidentId,
    {
      type: 'post_incident_review',
      direction: 'outbound',
      subject: `Joint post-incident review of ${incidentId}`,
      content,
      recipients: { organizations: found.review.participants },
      tlp: body.tlp,
    },
    rt,
    undefined,
    // A post-incident review is usually held after the incident closed: its result is still shared.
    { afterClose: true },
  );
  return withOptimisticRetry(async () => {
    const again = await deps.repos.reviews.get(incidentId);
    if (!again) throw noReview(incidentId);
    const at = deps.now().toISOString();
    const next: StoredReview = {
      ...again.review,
      status: 'shared',
      result: {
        summary: body.summary,
        tlp: body.tlp,
        included: body.include,
        communicationId: communication.communicationId,
        sharedAt: at,
        sharedBy: caller.subject,
      },
      updatedAt: at,
      version: again.review.version + 1,
    };
    await deps.repos.reviews.replace(next, again.review.version);
    return view(next, again.contributions.map(contributionView));
  });
}
