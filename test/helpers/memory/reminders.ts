/** In-memory RemindersRepository: sent-markers by `name|due`. */
import type { RemindersRepository } from '../../../shared/db/repos/reminders.js';
import type { TransactItemPart } from '../../../shared/db/transact.js';

export interface MemoryReminders extends RemindersRepository {
  /** `name|due` → sentAt. */
  readonly markers: Map<string, string>;
}

export function memoryReminders(): MemoryReminders {
  const markers = new Map<string, string>();
  return {
    markers,
    sentMarkerPart: (name, due, now) =>
      ({
        Put: { TableName: 'memory', Item: { name, due, sentAt: now.toISOString() } },
      }) as TransactItemPart,
    async claim(name, due, now) {
      const key = `${name}|${due}`;
      if (markers.has(key)) return false;
      markers.set(key, now.toISOString());
      return true;
    },
    async release(name, due) {
      markers.delete(`${name}|${due}`);
    },
  };
}
