/**
 * In-memory fakes of the AWS ports (shared/aws/ports.ts) for unit tests: a publisher that records
 * every call (and can fail the next ones), schedules held in a map.
 */
import type {
  OneTimeSchedule,
  Publication,
  Publisher,
  Schedules,
  SubscriptionRequest,
} from '../../../shared/aws/ports.js';

export type PublisherCall =
  | { readonly op: 'publish'; readonly publication: Publication }
  | { readonly op: 'createTopic'; readonly organizationId: string }
  | { readonly op: 'subscribe'; readonly request: SubscriptionRequest }
  | { readonly op: 'unsubscribe' | 'pendingConfirmation'; readonly subscriptionArn: string };

export interface MemoryPublisher extends Publisher {
  readonly calls: PublisherCall[];
  /** Topic ARNs that exist (createTopic adds; a publish to another answers `topic-not-found`). */
  readonly topics: Set<string>;
  /** The next `n` calls of `op` throw `error`. */
  failNext(n: number, op: PublisherCall['op'], error?: Error): void;
}

export function memoryPublisher(): MemoryPublisher {
  const calls: PublisherCall[] = [];
  const topics = new Set<string>();
  const failures: { op: PublisherCall['op']; error: Error }[] = [];
  const record = (call: PublisherCall) => {
    calls.push(call);
    const i = failures.findIndex((f) => f.op === call.op);
    if (i >= 0) {
      const [f] = failures.splice(i, 1);
      throw f?.error;
    }
  };
  let subscriptions = 0;
  return {
    calls,
    topics,
    failNext(
      n,
      op,
      error = Object.assign(new Error('Service unavailable'), { name: 'InternalErrorException' }),
    ) {
      for (let i = 0; i < n; i++) failures.push({ op, error });
    },
    async publish(publication) {
      record({ op: 'publish', publication });
      return topics.has(publication.topicArn) ? 'published' : 'topic-not-found';
    },
    async createTopic(organizationId) {
      record({ op: 'createTopic', organizationId });
      const arn = `arn:aws:sns:us-east-1:000000000000:liaison-${organizationId.replaceAll('.', '_')}`;
      topics.add(arn);
      return arn;
    },
    async subscribe(request) {
      record({ op: 'subscribe', request });
      subscriptions += 1;
      return `${request.topicArn}:sub-${subscriptions}`;
    },
    async unsubscribe(subscriptionArn) {
      record({ op: 'unsubscribe', subscriptionArn });
    },
    async pendingConfirmation(subscriptionArn) {
      record({ op: 'pendingConfirmation', subscriptionArn });
      return true;
    },
  };
}

export interface MemorySchedules extends Schedules {
  readonly schedules: Map<string, OneTimeSchedule>;
  /** Every create and delete, in order. */
  readonly calls: {
    readonly op: 'create' | 'delete';
    readonly name: string;
    readonly schedule?: OneTimeSchedule;
  }[];
  /** The next `n` calls throw `error`. */
  failNext(n: number, error: Error): void;
}

export function memorySchedules(): MemorySchedules {
  const schedules = new Map<string, OneTimeSchedule>();
  const calls: MemorySchedules['calls'] = [];
  const failures: Error[] = [];
  const fail = () => {
    const error = failures.shift();
    if (error) throw error;
  };
  return {
    schedules,
    calls,
    failNext(n, error) {
      for (let i = 0; i < n; i++) failures.push(error);
    },
    async create(schedule) {
      calls.push({ op: 'create', name: schedule.name, schedule });
      fail();
      if (schedules.has(schedule.name)) return { created: false };
      schedules.set(schedule.name, schedule);
      return { created: true };
    },
    async delete(name) {
      calls.push({ op: 'delete', name });
      fail();
      return { deleted: schedules.delete(name) };
    },
  };
}
