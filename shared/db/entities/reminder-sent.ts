/**
 * Reminder sent-marker (`REMINDER#<scheduleName>` / `SENT#<dueInstant>`): a reminder schedule acted
 * for that due instant, so a duplicate firing sends nothing; removed by TTL after 90 days.
 */
import { keys } from '../keys.js';
import { TABLE } from '../table.js';
import { defineEntity } from './entity.js';

export const REMINDER_MARKER_TTL_SECONDS = 90 * 24 * 3600;

export interface ReminderSent {
  readonly name: string;
  readonly due: string;
  readonly sentAt: string;
  readonly [ttl: string]: unknown;
}

export const reminderSentEntity = defineEntity<ReminderSent>({
  entity: 'reminderSent',
  keyOf: (m) => keys.reminderSent(m.name, m.due),
});

/** The marker of (name, due) written at `now`. */
export const reminderSent = (name: string, due: string, now: Date): ReminderSent => ({
  name,
  due,
  sentAt: now.toISOString(),
  [TABLE.timeToLiveAttribute]: Math.floor(now.getTime() / 1000) + REMINDER_MARKER_TTL_SECONDS,
});
