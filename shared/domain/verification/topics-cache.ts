/**
 * `publishDirect` finds the organization's topic (CreateTopic + SetTopicAttributes, both idempotent)
 * before every Publish. A sweep publishing thousands of messages to a few hundred organizations
 * wraps the SNS client so those two calls happen once per organization and run.
 */
import { CreateTopicCommand, SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import type { NotifyDeps } from '../../deps.js';

export function cachedTopics(notify: NotifyDeps): NotifyDeps {
  const memo = new Map<string, Promise<unknown>>();
  const send = ((command: unknown, ...rest: unknown[]) => {
    const key =
      command instanceof CreateTopicCommand
        ? `create:${command.input.Name}`
        : command instanceof SetTopicAttributesCommand
          ? `attr:${command.input.TopicArn}:${command.input.AttributeName}:${command.input.AttributeValue}`
          : undefined;
    const call = () => (notify.sns.send as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
    if (key === undefined) return call();
    let pending = memo.get(key);
    if (!pending) {
      pending = call();
      memo.set(key, pending);
      pending.catch(() => memo.delete(key));
    }
    return pending;
  }) as NotifyDeps['sns']['send'];
  const sns = new Proxy(notify.sns, {
    get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)),
  });
  return { ...notify, sns };
}
