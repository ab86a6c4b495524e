/**
 * Scheduler target `reminder` (one-time schedules, docs/reminders.md): an action's reminder or
 * overdue notice, or an obligation clock's reminder at a fraction of it. The event names the item
 * and the due instant it was planned for; the item is RE-READ and the reminder acts only if it
 * still matches, so a stale, late or duplicate firing does nothing (and is logged as such).
 */
import { defaultDeps } from '../../shared/deps.js';
import { fireReminder } from '../../shared/domain/reminders/fire.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { logger } from '../../shared/http/observability.js';
import { ReminderEvent } from '../../shared/schemas/reminders.js';

export const handler = async (event: unknown) => {
  const parsed = ReminderEvent.safeParse(event);
  if (!parsed.success) {
    // Retrying a malformed event cannot help: log it and finish (nothing to re-read).
    logger.error('reminder: malformed event', { event, issues: parsed.error.issues });
    return { acted: false, reason: 'malformed event' };
  }
  const result = await fireReminder(defaultDeps(), escalationRuntime(), parsed.data);
  logger.info('reminder', { ...result });
  return result;
};
