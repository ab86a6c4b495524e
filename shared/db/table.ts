/**
 * THE table definition. The CDK stack (`infra/stacks/liaison-stack.ts`) and the local stack
 * (`infra/local/dynamodb.ts`) both build the table from this object, so they cannot drift.
 * Every attribute named here is a generic key attribute; `shared/db/keys.ts` decides what goes in it.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Global secondary indexes, all projecting every attribute. */
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    // Sparse: only live contacts carry gsi5pk (their next verification action time, see keys.ts).
    { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
  ],
  /** Epoch-seconds attribute DynamoDB's TTL deletes items by (idempotency records, tokens). */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof TABLE.indexes)[number]['name'];

/** Every key attribute, all of type string (S). */
export const KEY_ATTRIBUTES: readonly string[] = [
  TABLE.partitionKey,
  TABLE.sortKey,
  ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
];
