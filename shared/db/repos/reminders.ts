/**
 * Reminder sent-markers (docs/reminders.md): the first firing of (schedule name, due instant)
 * writes the marker, alone or as the claim inside its notice's transaction; a duplicate firing
 * finds it and sends nothing.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from '../context.js';
import { reminderSent, reminderSentEntity } from '../entities/reminder-sent.js';
import { keys } from '../keys.js';
import type { TransactItemPart } from '../transact.js';

export interface RemindersRepository {
  /** The marker as a conditional Put (only the first firing can write it), for a notice's transaction. */
  sentMarkerPart(name: string, due: string, now: Date): TransactItemPart;
  /** Writes the marker alone: true for the first firing of (name, due), false when one already acted. */
  claim(name: string, due: string, now: Date): Promise<boolean>;
  /** Removes the marker (what it claimed failed: the retry acts). */
  release(name: string, due: string): Promise<void>;
}

export function remindersRepository({ db, tableName }: TableContext): RemindersRepository {
  return {
    sentMarkerPart: (name, due, now) => reminderSentEntity.create(tableName, reminderSent(name, due, now)),
    async claim(name, due, now) {
      try {
        await db.send(
          new PutCommand(reminderSentEntity.create(tableName, reminderSent(name, due, now)).Put as never),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async release(name, due) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: keys.reminderSent(name, due) }));
    },
  };
}
