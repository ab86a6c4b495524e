/**
 * Idempotent writes (`Idempotency-Key` header) with Powertools' idempotency utility and its
 * DynamoDB persistence layer, on THE table. Loaded lazily by `shared/http/handler.ts` (only when a
 * write request carries the header), so read-only functions neither initialise nor need it.
 *
 * Record layout (`keys.idempotency` in `shared/db/keys.ts`, `docs/data-model.md`):
 *   pk `IDEM#<routeId>#<sha256>`, sk `#IDEM`, status, expiresAt (TTL, epoch s),
 *   inProgressExpiresAt (epoch ms), payloadHash (sha256 of the validated body + query),
 *   response (the exact HTTP answer, replayed on a repeat).
 * Only 2xx answers are stored: a failed request deletes its in-progress record, so the client may
 * fix the request and retry with the same key.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { config } from '../config.js';
import { lowLevelClient } from './client.js';
import { keys } from './keys.js';
import { TABLE } from './table.js';

/** How long a key is remembered (Stripe's and most APIs' choice). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Header sent with a replayed answer, so clients and logs can tell a replay from a first answer. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** Powertools' DynamoDB layer with Liaison's key builder (one partition per record). */
class TableIdempotencyStore extends DynamoDBPersistenceLayer {
  protected override getKey(recordKey: string): Record<string, AttributeValue> {
    const key = keys.idempotency(recordKey);
    return { [TABLE.partitionKey]: { S: key.pk }, [TABLE.sortKey]: { S: key.sk } };
  }
}

/** What identifies a request (hashed into the record key) and what must match on a repeat. */
export interface IdempotentInput {
  readonly key: {
    readonly route: string;
    readonly subject: string;
    readonly params: Record<string, string>;
    readonly idempotencyKey: string;
  };
  readonly payload: { readonly body: unknown; readonly query: unknown };
}

type Answer = APIGatewayProxyStructuredResultV2;
type Execute = () => Promise<Answer>;

/** Thrown inside the idempotent function for a non-2xx answer so that it is not stored. */
class NotStored extends Error {
  constructor(readonly answer: Answer) {
    super('non-2xx answers are not stored');
  }
}

const idempotencyConfig = () =>
  new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'payload',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
    hashFunction: 'sha256',
    responseHook: (response) => {
      const answer = response as Answer;
      return { ...answer, headers: { ...answer.headers, [REPLAYED_HEADER]: 'true' } };
    },
  });

type Runner = (input: IdempotentInput, context: Context, execute: Execute) => Promise<Answer>;

/**
 * One persistence layer and config per route: Powertools configures a layer with the key prefix on
 * every call, so routes sharing one layer in one process (the local runner) would race on it.
 */
const runners = new Map<string, Runner>();

function runnerFor(routeId: string): Runner {
  let runner = runners.get(routeId);
  if (!runner) {
    const store = new TableIdempotencyStore({
      tableName: config().tableName,
      awsSdkV3Client: lowLevelClient(),
      keyAttr: TABLE.partitionKey,
      sortKeyAttr: TABLE.sortKey,
      expiryAttr: TABLE.timeToLiveAttribute,
      inProgressExpiryAttr: 'inProgressExpiresAt',
      statusAttr: 'status',
      dataAttr: 'response',
      validationKeyAttr: 'payloadHash',
    });
    runner = makeIdempotent(
      async (_input: IdempotentInput, _context: Context, execute: Execute): Promise<Answer> => {
        const answer = await execute();
        const status = answer.statusCode ?? 200;
        if (status < 200 || status > 299) throw new NotStored(answer);
        return answer;
      },
      // The route id, not the Lambda function name: stable in AWS and in the local runner alike.
      { persistenceStore: store, config: idempotencyConfig(), keyPrefix: routeId },
    );
    runners.set(routeId, runner);
  }
  return runner;
}

/**
 * Runs `execute` at most once per idempotency key: a repeat with the same payload gets the stored
 * answer (with `idempotent-replayed: true`), another payload an `IdempotencyValidationError`
 * (→ 422), a repeat while the first is running an `IdempotencyAlreadyInProgressError` (→ 409).
 */
export async function runIdempotently(
  input: IdempotentInput,
  context: Context,
  execute: Execute,
): Promise<Answer> {
  let committed: Answer | undefined;
  try {
    return await runnerFor(input.key.route)(input, context, async () => {
      committed = await execute();
      return committed;
    });
  } catch (error) {
    if (error instanceof NotStored) return error.answer;
    // The write committed but recording its answer failed (e.g. throttled after the SDK's own
    // retries): answer what was done rather than a 503 that would invite a duplicate. The record
    // stays IN_PROGRESS until `inProgressExpiresAt`; a repeat within that window gets 409.
    if (
      committed !== undefined &&
      error instanceof Error &&
      error.name === 'IdempotencyPersistenceLayerError' &&
      /success record/.test(error.message)
    ) {
      return committed;
    }
    throw error;
  }
}
