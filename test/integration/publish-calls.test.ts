/**
 * SDK calls of ONE createCommunication to 2 organizations (their topics set up at registration, as
 * the API does) in a process that has not published yet (a new Lambda instance: its own SNS client
 * and repositories), then warm: no SNS control-plane call (CreateTopic, SetTopicAttributes) before a
 * Publish (issue 12). docs/decisions.md (topics) quotes its numbers.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { countDynamoDb, measure } from '../../bench/metrics.js';
import { LOCAL_TOPICS } from '../../infra/local/scheduled.js';
import { LOCAL_REGION } from '../../infra/local/server.js';
import * as sns from '../../shared/aws/sns.js';
import { createRepositories } from '../../shared/db/repos/index.js';
import type { Deps } from '../../shared/deps.js';
import { escalationRuntimeOf } from '../../shared/domain/escalation/triggers.js';
import { createCommunication } from '../../shared/domain/incidents/communications.js';
import { startLocalStack } from '../helpers/local-stack.js';

it('a new instance publishes to the stored topics: no CreateTopic or SetTopicAttributes', async () => {
  const stack = await startLocalStack({ sns: true });
  try {
    const admin = await stack.token('admin', { sub: 'bench' });
    const call = (path: string, body: unknown) => stack.request('POST', path, { token: admin, body });
    const recipients: string[] = [];
    for (const org of ['PUB-ORG-A', 'PUB-ORG-B']) {
      await call('/organizations', { id: org, name: org, kind: 'partner' });
      await call(`/organizations/${org}/agreements`, {
        type: 'nda',
        reference: `NDA-${org}`,
        signedAt: '2020-01-01T00:00:00Z',
        tlpCeiling: 'AMBER',
      });
      const contact = await call('/contacts', {
        organizationId: org,
        name: `${org} on call`,
        stakeholderGroup: 'partners',
        channels: [
          { type: 'sms', address: org.endsWith('A') ? '+14155550101' : '+14155550102', priority: 'primary' },
        ],
      });
      recipients.push(contact.body.id as string);
    }
    const incident = await call('/incidents', {
      title: 'Bench',
      description: 'Publish calls',
      severity: 'high',
      category: 'data_breach',
    });
    const incidentId = String(incident.body.id);
    countDynamoDb(stack.documentClient);

    // A new instance: its own SNS client and repositories (so nothing remembered from the setup).
    const instance = () => {
      const client = sns.createSnsClient({ region: LOCAL_REGION, endpoint: stack.sns.endpoint });
      const topics = LOCAL_TOPICS;
      const notify =
        'snsPublisher' in sns
          ? {
              publisher: (
                sns as unknown as { snsPublisher: (c: unknown, t: unknown) => unknown }
              ).snsPublisher(client, topics),
            }
          : { sns: client, topics };
      const deps: Deps = {
        repos: createRepositories({ db: stack.documentClient, tableName: stack.tableName }),
        now: () => new Date(),
        newId: () => randomUUID(),
      };
      return { deps, notify: notify as never };
    };
    const caller = { subject: 'bench', organization: undefined, roles: ['coordinator'] as const };
    const body = {
      type: 'notification',
      direction: 'outbound',
      subject: 'Bench notification',
      content: 'Two organizations, one Publish each',
      recipients: { contacts: recipients },
    } as never;
    const results: unknown[] = [];
    const one = async (label: string, i: ReturnType<typeof instance>) => {
      const before = {
        create: stack.sns.calls('CreateTopic'),
        attrs: stack.sns.calls('SetTopicAttributes'),
        publish: stack.sns.calls('Publish'),
      };
      const { counts, result } = await measure(() =>
        createCommunication(
          i.deps,
          caller as never,
          incidentId,
          body,
          escalationRuntimeOf({ notify: i.notify }),
        ),
      );
      const status = (result as { delivery?: { status?: string } }).delivery?.status;
      results.push({
        createTopic: stack.sns.calls('CreateTopic') - before.create,
        setTopicAttributes: stack.sns.calls('SetTopicAttributes') - before.attrs,
        publish: stack.sns.calls('Publish') - before.publish,
        status,
      });
      console.log(
        `${label}: CreateTopic ${stack.sns.calls('CreateTopic') - before.create}, SetTopicAttributes ${
          stack.sns.calls('SetTopicAttributes') - before.attrs
        }, Publish ${stack.sns.calls('Publish') - before.publish}; DynamoDB ${counts.dynamodbRequests} [${counts.commands.join(', ')}]; delivery ${status}`,
      );
    };
    const fresh = instance();
    await one('new instance, first createCommunication', fresh);
    await one('same instance, second createCommunication', fresh);
    expect(results).toEqual([
      { createTopic: 0, setTopicAttributes: 0, publish: 2, status: 'sent' },
      { createTopic: 0, setTopicAttributes: 0, publish: 2, status: 'sent' },
    ]);
  } finally {
    await stack.stop();
  }
}, 120_000);
