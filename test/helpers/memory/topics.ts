/** In-memory TopicsRepository: the organizations' stored `topicArn`. */
import type { TopicsRepository } from '../../../shared/db/repos/topics.js';
import { NotFoundError } from '../../../shared/errors.js';

export interface MemoryTopics extends TopicsRepository {
  /** Organization id → stored `topicArn` (undefined: organization without topic). */
  readonly organizations: Map<string, string | undefined>;
}

export function memoryTopics(): MemoryTopics {
  const organizations = new Map<string, string | undefined>();
  return {
    organizations,
    async topicArn(organizationId) {
      return organizations.get(organizationId);
    },
    async storeTopicArn(organizationId, topicArn) {
      if (!organizations.has(organizationId))
        throw new NotFoundError(`Organization ${organizationId} not found`);
      organizations.set(organizationId, topicArn);
    },
  };
}
