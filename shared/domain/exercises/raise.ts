/**
 * Raising an exercise finding (docs/exercises.md, "Raising a finding"): the finding becomes what it
 * proposes — an agreement update against its organization, an action on the exercise's playbook (a
 * new playbook version), or its contact flagged for re-verification — and its `link` names that
 * item. Both are written in ONE transaction (`exercises.linkFinding` with the other repository's
 * part), so a refused raise writes nothing and a second raise is a 409 naming the link.
 *
 * Its own module (not `service.ts`): it imports the agreement, playbook and contact services, which
 * the other exercise operations do not need, and none of the exercise start's incident machinery.
 */
import type { SchedulingDeps } from '../../aws/ports.js';
import type { StoredContact } from '../../db/entities/contact.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type { AgreementUpdate } from '../../schemas/agreements.js';
import type { Playbook } from '../../schemas/coordination.js';
import type { Finding, RaiseFindingBody } from '../../schemas/exercises.js';
import { newUpdate, prepareReminders } from '../agreements/service.js';
import { getPlaybook, nextPlaybookVersion } from '../coordination/playbooks.js';
import type { Deps } from '../deps.js';
import { withOptimisticRetry } from '../retry.js';
import {
  assertHasPlaybook,
  findingLink,
  type RaiseRequest,
  raiseRequest,
  reverificationDue,
} from './rules.js';

/** `POST /exercises/{exerciseId}/findings/{findingId}/raise`: the finding with its link. */
export async function raiseFinding(
  deps: Deps,
  caller: Caller,
  exerciseId: string,
  findingId: string,
  body: RaiseFindingBody,
  scheduling: SchedulingDeps | undefined,
): Promise<Finding> {
  // Named once, before the retry loop: its reminder schedules are named after it before the write.
  const updateId = `AGU-${deps.newId()}`;
  let prepared = false;
  return withOptimisticRetry(async () => {
    const loaded = await deps.repos.exercises.load(exerciseId);
    if (!loaded) throw new NotFoundError(`Exercise ${exerciseId} not found`);
    const finding = loaded.findings.find((f) => f.findingId === findingId);
    if (!finding) throw new NotFoundError(`Finding ${findingId} of exercise ${exerciseId} not found`);
    const request = raiseRequest(finding, body);
    const at = deps.now().toISOString();
    switch (request.kind) {
      case 'contract_update': {
        const update = agreementUpdateOf(deps, caller, exerciseId, finding, request, updateId);
        if (!prepared) await prepareReminders(deps, scheduling, update);
        prepared = true;
        const link = findingLink('contract_update', update.id, at, caller.subject);
        await deps.repos.exercises.linkFinding(
          { ...finding, link },
          deps.repos.agreementUpdates.createPart([{ update }]),
        );
        return { ...finding, link };
      }
      case 'playbook_action': {
        const current = await getPlaybook(deps, assertHasPlaybook(loaded.exercise));
        const next = withAction(current, request, at, caller.subject);
        const link = findingLink('playbook_action', next.id, at, caller.subject, {
          playbookVersion: next.version,
          actionIndex: next.responseActions.length - 1,
        });
        await deps.repos.exercises.linkFinding(
          { ...finding, link },
          deps.repos.playbooks.editPart(next, current.version),
        );
        return { ...finding, link };
      }
      case 'contact_fix': {
        const contact = await deps.repos.contacts.get(request.contactId);
        if (!contact || contact.deletedAt) {
          throw new ConflictError(
            `Contact ${request.contactId} of ${findingId} was deleted: there is nothing to re-verify`,
            [{ field: 'path.findingId', message: `contact ${request.contactId} is deleted` }],
            'CONTACT_DELETED',
          );
        }
        const flagged = flaggedForReverification(contact, exerciseId, findingId, request.reason, at, caller);
        const link = findingLink('contact_fix', contact.id, at, caller.subject);
        await deps.repos.exercises.linkFinding(
          { ...finding, link },
          deps.repos.contacts.replacePart(flagged, contact.version),
        );
        return { ...finding, link };
      }
    }
  });
}

function agreementUpdateOf(
  deps: Deps,
  caller: Caller,
  exerciseId: string,
  finding: Finding,
  r: Extract<RaiseRequest, { kind: 'contract_update' }>,
  id: string,
): AgreementUpdate {
  return newUpdate(
    deps,
    caller,
    {
      organizationId: r.organizationId,
      ...(r.agreementId ? { agreementId: r.agreementId } : {}),
      source: { kind: 'exercise', id: exerciseId },
      topic: r.topic,
      proposedChange: r.proposedChange,
      owner: r.owner,
      dueDate: r.dueDate,
    },
    { findingId: finding.findingId },
    id,
  );
}

/** Version n+1 of the playbook with the response action appended. */
function withAction(
  current: Playbook,
  r: Extract<RaiseRequest, { kind: 'playbook_action' }>,
  at: string,
  by: string,
): Playbook {
  if (!current.participatingOrganizations.includes(r.responsible)) {
    throw new ValidationError('The responsible organization must take part in the playbook', [
      {
        field: 'body.responsible',
        message: `${r.responsible} is not a participating organization of playbook ${current.id}`,
      },
    ]);
  }
  return nextPlaybookVersion(
    current,
    {
      responseActions: [
        ...current.responseActions,
        { action: r.action, responsible: r.responsible, timeframe: r.timeframe },
      ],
    },
    at,
    by,
  );
}

/**
 * The contact flagged: the reason kept on it (`reverification`), and due now, so the next
 * verification sweep sends it a link (unless one is outstanding already: that link asks).
 */
function flaggedForReverification(
  contact: StoredContact,
  exerciseId: string,
  findingId: string,
  reason: string,
  at: string,
  caller: Caller,
): StoredContact {
  return {
    ...contact,
    reverification: { reason, exerciseId, findingId, flaggedAt: at, flaggedBy: caller.subject },
    nextVerificationDue: reverificationDue(contact, at),
    updatedAt: at,
    version: contact.version + 1,
  };
}
