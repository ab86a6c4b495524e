/**
 * The composition root of SNS (topics and publishing): only the handlers and jobs whose route `uses`
 * 'sns' import this module, so no other function bundles the SNS client (shared/deps.ts).
 */
import type { NotifyDeps } from './aws/ports.js';
import { snsClient, snsPublisher } from './aws/sns.js';
import { inboundConfig, topicsConfig } from './config.js';

export type { NotifyDeps } from './aws/ports.js';

let notify: NotifyDeps | undefined;

/** The process-wide SNS dependencies (built once, at first use; fails when not configured). */
export function notifyDeps(): NotifyDeps {
  notify ??= { publisher: snsPublisher(snsClient(), topicsConfig()), replyDomain: inboundConfig().domain };
  return notify;
}

/**
 * The SNS dependencies when this process is configured for SNS (`LIAISON_TOPIC_PREFIX`), else
 * undefined: in AWS every function whose route `uses` 'sns' has it; a local stack started without
 * SNS keeps the directory working without topics and subscriptions.
 */
export function notifyDepsIfConfigured(env: NodeJS.ProcessEnv = process.env): NotifyDeps | undefined {
  return env.LIAISON_TOPIC_PREFIX ? notifyDeps() : undefined;
}
