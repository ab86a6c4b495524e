/**
 * The repository interfaces the domain depends on (docs/architecture.md). Each aggregate's
 * interface lives next to its implementation in `shared/db/repos/<aggregate>.ts` and is listed
 * here; `createRepositories` (shared/db/repos/index.ts) builds the DynamoDB-backed set and
 * `test/helpers/memory-repos.ts` the in-memory one unit tests use.
 *
 * The domain imports these interfaces and the stored types of `shared/db/entities/`; it never
 * imports `@aws-sdk/*`, `shared/db/keys.ts` or a repository implementation.
 */
import type { ChannelsRepository } from './repos/channels.js';
import type { ContactsRepository } from './repos/contacts.js';
import type { PoliciesRepository } from './repos/escalation-policies.js';
import type { TriggersRepository } from './repos/escalation-triggers.js';
import type { EvidenceRepository } from './repos/evidence.js';
import type { OrganizationsRepository } from './repos/organizations.js';
import type { PlaybooksRepository } from './repos/playbooks.js';
import type { SharingRepository } from './repos/sharing.js';
import type { TemplatesRepository } from './repos/templates.js';
import type { VerificationRepository } from './repos/verification.js';

/** An opaque piece of another aggregate's transaction (e.g. `contacts.referenceParts(...)`). */
export type { TransactPart } from './transact.js';

import type { AckTokensRepository } from './repos/ack-tokens.js';
import type { ActivationsRepository } from './repos/activations.js';
import type { AgreementUpdatesRepository } from './repos/agreement-updates.js';
import type { ExercisesRepository } from './repos/exercises.js';
import type { InboundRepository } from './repos/inbound.js';
import type { IncidentsRepository } from './repos/incidents.js';
import type { ObligationsRepository } from './repos/obligations.js';
import type { OutboxRepository } from './repos/outbox.js';
import type { RemindersRepository } from './repos/reminders.js';
import type { ReviewsRepository } from './repos/reviews.js';
import type { TopicsRepository } from './repos/topics.js';

export type { TableContext } from './context.js';

/** Every repository, by aggregate. */
export type Repositories = {
  readonly channels: ChannelsRepository;
  readonly contacts: ContactsRepository;
  readonly organizations: OrganizationsRepository;
  readonly playbooks: PlaybooksRepository;
  readonly policies: PoliciesRepository;
  readonly sharing: SharingRepository;
  readonly templates: TemplatesRepository;
  readonly triggers: TriggersRepository;
  readonly verification: VerificationRepository;
  readonly ackTokens: AckTokensRepository;
  readonly agreementUpdates: AgreementUpdatesRepository;
  readonly activations: ActivationsRepository;
  readonly exercises: ExercisesRepository;
  readonly obligations: ObligationsRepository;
  readonly outbox: OutboxRepository;
  readonly reminders: RemindersRepository;
  readonly reviews: ReviewsRepository;
  readonly topics: TopicsRepository;
  readonly inbound: InboundRepository;
  readonly incidents: IncidentsRepository;
  readonly evidence: EvidenceRepository;
};

export type { EvidencePage } from './repos/evidence.js';
/** Types the domain uses with the incident repository (re-exported: the domain never imports `repos/`). */
export type {
  ChildKind,
  Children,
  IncidentHead,
  ListIncidentsFilter,
  Page,
  SummarizedIncident,
  Write,
} from './repos/incidents.js';
