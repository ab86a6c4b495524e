/**
 * The stage (context `stage`, default `prod`) and every physical name derived from it, so staging and
 * production fit in one account and region. Everything Liaison names explicitly is here; the rest
 * (table, queues, log groups, roles, keys) is named by CloudFormation after the stack, which already
 * differs per stage.
 *
 * Stage names are `[a-z][a-z0-9]{0,15}` (no hyphen): then no stage's topic prefix `liaison-<stage>-`
 * is a prefix of another's (`liaison-a-` never matches `liaison-a-b-…` because `a-b` is not a stage),
 * so the IAM grant `liaison-<stage>-*` of one stage cannot reach another stage's topics.
 */

export const DEFAULT_STAGE = 'prod';

export interface StageNames {
  readonly stage: string;
  /** CloudFormation stack (`Liaison-prod`); also the prefix of the scheduled functions' names. */
  readonly stackName: string;
  /** EventBridge Scheduler schedule group (`liaison-prod`), unless context `scheduleGroup` names one. */
  readonly scheduleGroup: string;
  /** Prefix of every SNS topic the functions create at run time (`liaison-prod-`, LIAISON_TOPIC_PREFIX). */
  readonly topicPrefix: string;
  /** HTTP API and Cognito user pool name (`liaison-prod`). */
  readonly resourceName: string;
}

export function stageNames(stage: string = DEFAULT_STAGE): StageNames {
  if (!/^[a-z][a-z0-9]{0,15}$/.test(stage)) {
    throw new Error(
      `Context stage must be 1-16 characters of [a-z0-9] starting with a letter (no hyphen), got "${stage}"`,
    );
  }
  return {
    stage,
    stackName: `Liaison-${stage}`,
    scheduleGroup: `liaison-${stage}`,
    topicPrefix: `liaison-${stage}-`,
    resourceName: `liaison-${stage}`,
  };
}

/** `<stack>-<job>`: the physical name of a scheduled function (a Scheduler target). ≤ 64 characters. */
export function jobFunctionName(stackName: string, job: string): string {
  const name = `${stackName}-${job}`;
  if (name.length > 64) throw new Error(`Function name ${name} is longer than Lambda's 64 characters`);
  return name;
}
