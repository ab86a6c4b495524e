/**
 * In-memory repositories for unit tests of services (no SDK, no network): each implements its
 * interface from `shared/db/repositories.ts` over plain maps, with the same conflict behaviour
 * (a create of an existing id, or a write at a stale version, throws what the DynamoDB one does).
 */

import type { Repositories } from '../../shared/db/repositories.js';
import type { Deps } from '../../shared/domain/deps.js';
import { memoryAckTokens } from './memory/ack-tokens.js';
import { memoryActivations } from './memory/activations.js';
import { memoryAgreementUpdates, memoryReviews } from './memory/agreements.js';
import { memoryDirectory } from './memory/directory.js';
import { memoryEvidence } from './memory/evidence.js';
import { memoryExercises } from './memory/exercises.js';
import { memoryInbound } from './memory/inbound.js';
import { memoryIncidents } from './memory/incidents.js';
import { memoryObligations } from './memory/obligations.js';
import { memoryOutbox } from './memory/outbox.js';
import { memoryReminders } from './memory/reminders.js';
import { memorySharing } from './memory/sharing.js';
import { memoryTopics } from './memory/topics.js';
import { memoryVerification } from './memory/verification.js';

/** Every in-memory repository, fresh. */
export function memoryRepositories(): Repositories {
  const { store, channels, contacts, organizations, playbooks, policies, templates, triggers } =
    memoryDirectory();
  const verification = memoryVerification(store);
  const incidents = memoryIncidents();
  return {
    ackTokens: memoryAckTokens(),
    activations: memoryActivations(),
    agreementUpdates: memoryAgreementUpdates(),
    channels,
    contacts,
    exercises: memoryExercises(),
    incidents,
    evidence: memoryEvidence(incidents.items),
    inbound: memoryInbound(),
    obligations: memoryObligations(),
    organizations,
    outbox: memoryOutbox(),
    playbooks,
    policies,
    reminders: memoryReminders(),
    reviews: memoryReviews(),
    sharing: memorySharing(),
    templates,
    topics: memoryTopics(),
    triggers,
    verification,
  };
}

/** Deps for a unit test: in-memory repositories, a fixed clock, counting ids. */
export function memoryDeps(
  overrides: Partial<Omit<Deps, 'repos'>> & { repos?: Partial<Repositories> } = {},
): Deps {
  let n = 0;
  const { repos, ...rest } = overrides;
  return {
    repos: { ...memoryRepositories(), ...repos },
    now: () => new Date('2030-01-01T00:00:00Z'),
    newId: () => `id-${++n}`,
    ...rest,
  };
}
