/**
 * Exercises (docs/exercises.md): the exercise item, its fired-inject markers and findings in one
 * partition (`EXERCISE#<id>`), read in ONE Query; exercises of a playbook on gsi1 by start.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ValidationError } from '../../errors.js';
import type { Finding, FindingLink } from '../../schemas/exercises.js';
import type { TableContext } from '../context.js';
import { EXERCISE_BOOKKEEPING, exerciseEntity, type StoredExercise } from '../entities/exercise.js';
import { findingEntity } from '../entities/exercise-finding.js';
import { type InjectFired, injectFiredEntity } from '../entities/exercise-inject.js';
import { exerciseKeys } from '../keys.js';
import { queryAll, queryIndexPage } from '../pagination.js';
import {
  alreadyExists,
  concurrentUpdate,
  explainParts,
  partItems,
  type TransactItem,
  TransactionConflict,
  type TransactPart,
  transactWrite,
} from '../transact.js';

export type { InjectFired, StoredExercise };
export { EXERCISE_BOOKKEEPING };

export interface ExercisesRepository {
  /** Creates the exercise (409 ALREADY_EXISTS when the id is taken). */
  create(exercise: StoredExercise): Promise<void>;
  /** The exercise's creation (fails when the id is taken) for the start's incident transaction. */
  createPart(exercise: StoredExercise): TransactItem;
  get(exerciseId: string): Promise<StoredExercise | undefined>;
  /** The exercise, its fired injects and its findings (ONE Query of its partition). */
  load(
    exerciseId: string,
  ): Promise<{ exercise: StoredExercise; fired: InjectFired[]; findings: Finding[] } | undefined>;
  /** Replaces the exercise read at `expectedVersion` (409 CONCURRENT_UPDATE otherwise). */
  replace(next: StoredExercise, expectedVersion: number): Promise<void>;
  /** The exercise at `findingSeq + 1` and the finding, in ONE transaction conditioned on the version read. */
  addFinding(next: StoredExercise, expectedVersion: number, finding: Finding): Promise<void>;
  /**
   * Links the finding to what it became, with the item(s) that make it (`part`: an agreement
   * update, a playbook version, a contact), in ONE transaction: the finding's update is conditioned
   * on it existing without a link. A finding linked meanwhile → 409 FINDING_RAISED naming its link;
   * a part's missing reference → its 400; a part's moved item → 409 CONCURRENT_UPDATE (the caller
   * reads again).
   */
  linkFinding(finding: Finding & { link: FindingLink }, part: TransactPart): Promise<void>;
  /** The claim of inject `n`'s firing: a Put that fails when the inject fired already. */
  injectClaim(fired: InjectFired): TransactItem;
  /** Exercises of a playbook, oldest start first (one Query page). */
  ofPlaybook(
    playbookId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<{ items: StoredExercise[]; nextCursor: string | null }>;
}

/** The 409 of a finding linked by another request meanwhile (its condition failed). */
function findingRaisedAlready(findingId: string, link: FindingLink): ConflictError {
  const what = `${link.kind} ${link.id}${link.playbookVersion !== undefined ? ` version ${link.playbookVersion}` : ''}`;
  return new ConflictError(
    `Finding ${findingId} was raised already: ${what}`,
    [{ field: 'path.findingId', message: `raised already as ${what}`, link }],
    'FINDING_RAISED',
  );
}

export function exercisesRepository(ctx: TableContext): ExercisesRepository {
  const { db, tableName } = ctx;
  return {
    async create(exercise) {
      try {
        await transactWrite(ctx, [exerciseEntity.create(tableName, exercise)]);
      } catch (error) {
        if (error instanceof TransactionConflict) throw alreadyExists('Exercise', exercise.id);
        throw error;
      }
    },

    createPart: (exercise) => exerciseEntity.create(tableName, exercise),

    async get(exerciseId) {
      const res = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: exerciseKeys.exercise(exerciseId),
          ConsistentRead: true,
        }),
      );
      return res.Item ? exerciseEntity.fromItem(res.Item) : undefined;
    },

    async load(exerciseId) {
      const items = await queryAll(ctx, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': exerciseKeys.partition(exerciseId) },
        ConsistentRead: true,
      });
      const head = items.find((i) => i.sk === '#EXERCISE');
      if (!head) return undefined;
      return {
        exercise: exerciseEntity.fromItem(head),
        fired: items
          .filter((i) => String(i.sk).startsWith('INJECT#'))
          .map((i) => injectFiredEntity.fromItem(i)),
        findings: items
          .filter((i) => String(i.sk).startsWith('FINDING#'))
          .map((i) => findingEntity.fromItem(i)),
      };
    },

    async replace(next, expectedVersion) {
      try {
        await transactWrite(ctx, [exerciseEntity.replace(tableName, next, expectedVersion)]);
      } catch (error) {
        if (error instanceof TransactionConflict) throw concurrentUpdate();
        throw error;
      }
    },

    async addFinding(next, expectedVersion, finding) {
      try {
        await transactWrite(ctx, [
          exerciseEntity.replace(tableName, next, expectedVersion),
          findingEntity.create(tableName, finding),
        ]);
      } catch (error) {
        if (error instanceof TransactionConflict) throw concurrentUpdate();
        throw error;
      }
    },

    async linkFinding(finding, part) {
      const key = findingEntity.keyOf(finding);
      try {
        await transactWrite(ctx, [
          {
            Update: {
              TableName: tableName,
              Key: key,
              UpdateExpression: 'SET #link = :link',
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#link) OR #link = :null)',
              ExpressionAttributeNames: { '#link': 'link' },
              ExpressionAttributeValues: { ':link': finding.link, ':null': null },
            },
          },
          ...partItems([part]),
        ]);
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        const details = explainParts([part], error.failed, 1);
        if (details.length > 0) throw new ValidationError('Unknown referenced id(s)', details);
        if (error.failed.includes(0)) {
          const res = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
          const link = res.Item ? findingEntity.fromItem(res.Item).link : null;
          if (link) throw findingRaisedAlready(finding.findingId, link);
        }
        throw concurrentUpdate();
      }
    },

    injectClaim: (fired) => injectFiredEntity.create(tableName, fired),

    async ofPlaybook(playbookId, page) {
      const res = await queryIndexPage(ctx, exerciseKeys.ofPlaybook(playbookId), page);
      return { items: res.items.map((i) => exerciseEntity.fromItem(i)), nextCursor: res.nextCursor };
    },
  };
}
