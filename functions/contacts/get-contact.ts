import { defaultDeps } from '../../shared/deps.js';
import { getContact } from '../../shared/domain/contacts/service.js';
import { refreshSubscriptions } from '../../shared/domain/notifications/topics.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { logger } from '../../shared/http/observability.js';
import { notifyDepsIfConfigured } from '../../shared/notify-deps.js';
import { route } from '../../shared/routes/contacts/get-contact.js';

export const handler = httpHandler(route, async ({ params }) => {
  const contact = await getContact(defaultDeps(), params.contactId);
  // Subscriptions still pending confirmation are re-read from SNS (the partner may have confirmed).
  const notify = notifyDepsIfConfigured();
  if (!notify || !contact.subscriptions?.some((s) => s.status === 'pending_confirmation')) return ok(contact);
  try {
    return ok({ ...contact, subscriptions: await refreshSubscriptions(notify, contact.subscriptions) });
  } catch (error) {
    logger.warn('subscription state not refreshed', { contactId: contact.id, error });
    return ok(contact);
  }
});
