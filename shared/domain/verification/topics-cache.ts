/**
 * Publishing reads the organization's stored `topicArn` (no CreateTopic before a Publish); only an
 * organization without one gets its topic created, once. A sweep publishing thousands of messages
 * to a few hundred organizations still wraps the publisher so a topic it must create (several
 * organizations' messages in flight at once) is created once per organization and run.
 */
import type { NotifyDeps } from '../../aws/ports.js';

export function cachedTopics(notify: NotifyDeps): NotifyDeps {
  const memo = new Map<string, Promise<string>>();
  const createTopic = (organizationId: string): Promise<string> => {
    let pending = memo.get(organizationId);
    if (!pending) {
      pending = notify.publisher.createTopic(organizationId);
      memo.set(organizationId, pending);
      pending.catch(() => memo.delete(organizationId));
    }
    return pending;
  };
  return { ...notify, publisher: { ...notify.publisher, createTopic } };
}
