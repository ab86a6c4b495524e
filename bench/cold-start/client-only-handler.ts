/** Cold-start baseline: a handler that only creates the DynamoDB document client at module scope. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION ?? 'us-east-1' }));

export const handler = async () => ({ statusCode: 204, body: String(typeof db.send) });
