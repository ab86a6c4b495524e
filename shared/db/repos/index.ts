import type { Repositories, TableContext } from '../repositories.js';
import { ackTokensRepository } from './ack-tokens.js';
import { activationsRepository } from './activations.js';
import { agreementUpdatesRepository } from './agreement-updates.js';
import { createChannelsRepository } from './channels.js';
import { createContactsRepository } from './contacts.js';
import { createPoliciesRepository } from './escalation-policies.js';
import { createTriggersRepository } from './escalation-triggers.js';
import { createEvidenceRepository } from './evidence.js';
import { exercisesRepository } from './exercises.js';
import { inboundRepository } from './inbound.js';
import { createIncidentsRepository } from './incidents.js';
import { obligationsRepository } from './obligations.js';
import { createOrganizationsRepository } from './organizations.js';
import { outboxRepository } from './outbox.js';
import { createPlaybooksRepository } from './playbooks.js';
import { remindersRepository } from './reminders.js';
import { reviewsRepository } from './reviews.js';
import { createSharingRepository } from './sharing.js';
import { createTemplatesRepository } from './templates.js';
import { topicsRepository } from './topics.js';
import { createVerificationRepository } from './verification.js';

/** The DynamoDB-backed repositories over one table (built once per process by `shared/deps.ts`). */
export function createRepositories(ctx: TableContext): Repositories {
  return {
    channels: createChannelsRepository(ctx),
    contacts: createContactsRepository(ctx),
    organizations: createOrganizationsRepository(ctx),
    playbooks: createPlaybooksRepository(ctx),
    policies: createPoliciesRepository(ctx),
    sharing: createSharingRepository(ctx),
    templates: createTemplatesRepository(ctx),
    triggers: createTriggersRepository(ctx),
    verification: createVerificationRepository(ctx),
    ackTokens: ackTokensRepository(ctx),
    activations: activationsRepository(ctx),
    agreementUpdates: agreementUpdatesRepository(ctx),
    exercises: exercisesRepository(ctx),
    obligations: obligationsRepository(ctx),
    outbox: outboxRepository(ctx),
    reminders: remindersRepository(ctx),
    reviews: reviewsRepository(ctx),
    topics: topicsRepository(ctx),
    inbound: inboundRepository(ctx),
    incidents: createIncidentsRepository(ctx),
    evidence: createEvidenceRepository(ctx),
  };
}
