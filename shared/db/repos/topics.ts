/**
 * Organization topics: the `topicArn` stored on the organization item (written when its topic is
 * set up), read before publishing so no Publish needs CreateTopic first.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../errors.js';
import type { TableContext } from '../context.js';
import { keys } from '../keys.js';

export interface TopicsRepository {
  /** The organization's stored `topicArn` (undefined: no topic yet, or no such organization). */
  topicArn(organizationId: string): Promise<string | undefined>;
  /** Stores `topicArn` on the organization; `NotFoundError` when the organization does not exist. */
  storeTopicArn(organizationId: string, topicArn: string): Promise<void>;
}

export function topicsRepository({ db, tableName }: TableContext): TopicsRepository {
  return {
    async topicArn(organizationId) {
      const res = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.organization(organizationId),
          ProjectionExpression: 'topicArn',
        }),
      );
      const arn = res.Item?.topicArn;
      return typeof arn === 'string' ? arn : undefined;
    },
    async storeTopicArn(organizationId, topicArn) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.organization(organizationId),
            UpdateExpression: 'SET topicArn = :t',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':t': topicArn },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new NotFoundError(`Organization ${organizationId} not found`);
        }
        throw error;
      }
    },
  };
}
