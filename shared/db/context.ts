import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What a DynamoDB-backed repository is built from (its own module: every db file may import it). */
export interface TableContext {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
}
