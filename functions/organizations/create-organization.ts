import { defaultDeps } from '../../shared/deps.js';
import { provisionTopic } from '../../shared/domain/notifications/topics.js';
import { createOrganization } from '../../shared/domain/organizations/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { notifyDepsIfConfigured } from '../../shared/notify-deps.js';
import { route } from '../../shared/routes/organizations/create-organization.js';

// The organization's topic (its distribution list) is created once the organization is written.
export const handler = httpHandler(route, async ({ body, caller }) => {
  const deps = defaultDeps();
  const organization = await createOrganization(deps, caller, body);
  const topicArn = await provisionTopic(deps, notifyDepsIfConfigured(), organization.id);
  return created(topicArn ? { ...organization, topicArn } : organization);
});
