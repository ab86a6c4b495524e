/**
 * The local SNS emulator driven by the real `@aws-sdk/client-sns`, with real webhook receivers
 * (node:http on 127.0.0.1) and signature verification done the way a partner would do it.
 */
import { createVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchEntryIdsNotDistinctException,
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  DeleteTopicCommand,
  FilterPolicyLimitExceededException,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  InternalErrorException,
  InvalidParameterException,
  InvalidParameterValueException,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  paginateListSubscriptionsByTopic,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
  TagResourceCommand,
  TooManyEntriesInBatchRequestException,
  UnsubscribeCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSns, MAX_FILTER_POLICIES_PER_TOPIC, startLocalSns } from '../../infra/local/sns/index.js';

// ---------------------------------------------------------------- helpers

const snsClient = (endpoint: string, maxAttempts?: number) =>
  new SNSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    ...(maxAttempts ? { maxAttempts } : {}),
  });

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Status codes to answer with, in order; 200 once they run out. */
  statuses: number[];
  /** Waits (bounded) until `count` messages of `type` have arrived. */
  waitFor(type: string, count?: number): Promise<Received[]>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const receiver = { statuses: [] as number[] } as Receiver & { statuses: number[] };
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    req.on('end', () => {
      const status = receiver.statuses.shift() ?? 200;
      if (status === 200) received.push({ headers: req.headers, body: JSON.parse(text) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/sns`,
    received,
    async waitFor(type: string, count = 1) {
      const deadline = Date.now() + 3_000;
      for (;;) {
        const matching = received.filter((r) => r.body.Type === type);
        if (matching.length >= count) return matching;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} ${type}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  });
}

/** What a partner's verification code does: fetch the certificate, rebuild the string, check it. */
async function verifiesLikeAPartner(message: Record<string, unknown>): Promise<boolean> {
  const fields =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const stringToSign = fields
    .filter((f) => message[f] !== undefined)
    .map((f) => `${f}\n${String(message[f])}\n`)
    .join('');
  const pem = await (await fetch(String(message.SigningCertURL))).text();
  const certificate = new X509Certificate(pem);
  const algorithm = message.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256';
  return createVerify(algorithm)
    .update(stringToSign, 'utf8')
    .verify(certificate.publicKey, String(message.Signature), 'base64');
}

const arrayAttribute = (values: string[]) => ({
  DataType: 'String.Array',
  StringValue: JSON.stringify(values),
});

// ---------------------------------------------------------------- tests

describe('local SNS with the real SNSClient', () => {
  let sns: LocalSns;
  let client: SNSClient;
  let acme: Receiver;
  let globex: Receiver;

  beforeAll(async () => {
    [sns, acme, globex] = await Promise.all([
      startLocalSns({ retryDelaysMs: [10, 10, 10] }),
      startReceiver(),
      startReceiver(),
    ]);
    client = snsClient(sns.endpoint);
  });

  afterAll(async () => {
    client?.destroy();
    await Promise.all([sns?.stop(), acme?.close(), globex?.close()]);
  });

  it('creates a topic idempotently by name, keeping attributes and tags', async () => {
    const input = {
      Name: 'liaison-notifications',
      Attributes: { KmsMasterKeyId: 'alias/aws/sns', DisplayName: 'Liaison' },
      Tags: [{ Key: 'app', Value: 'liaison' }],
    };
    const first = await client.send(new CreateTopicCommand(input));
    const second = await client.send(new CreateTopicCommand(input));

    expect(first.TopicArn).toBe('arn:aws:sns:us-east-1:000000000000:liaison-notifications');
    expect(second.TopicArn).toBe(first.TopicArn);
    const { Attributes } = await client.send(new GetTopicAttributesCommand({ TopicArn: first.TopicArn }));
    expect(Attributes).toMatchObject({
      TopicArn: first.TopicArn,
      KmsMasterKeyId: 'alias/aws/sns',
      DisplayName: 'Liaison',
      SubscriptionsConfirmed: '0',
    });
    await client.send(
      new TagResourceCommand({ ResourceArn: first.TopicArn, Tags: [{ Key: 'env', Value: 'local' }] }),
    );
    await client.send(new UntagResourceCommand({ ResourceArn: first.TopicArn, TagKeys: ['app'] }));
    const { Tags } = await client.send(new ListTagsForResourceCommand({ ResourceArn: first.TopicArn }));
    expect(Tags).toEqual([{ Key: 'env', Value: 'local' }]);
    const { Topics } = await client.send(new ListTopicsCommand({}));
    expect(Topics?.map((t) => t.TopicArn)).toContain(first.TopicArn);
    await expect(
      client.send(
        new CreateTopicCommand({ ...input, Tags: [], Attributes: { KmsMasterKeyId: 'alias/other' } }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('answers NotFoundException for an unknown topic ARN', async () => {
    const TopicArn = 'arn:aws:sns:us-east-1:000000000000:no-such-topic';
    const publish = client.send(new PublishCommand({ TopicArn, Message: 'x' }));
    await expect(publish).rejects.toBeInstanceOf(NotFoundException);
    await expect(publish).rejects.toMatchObject({ message: 'Topic does not exist', $fault: 'client' });
    await expect(client.send(new GetTopicAttributesCommand({ TopicArn }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
    await expect(
      client.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15555550100' })),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      client.send(new PublishCommand({ TopicArn: 'not-an-arn', Message: 'x' })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('confirms webhooks, filters on a String.Array attribute and signs every message', async () => {
    const { TopicArn } = await client.send(
      new CreateTopicCommand({ Name: 'incident-updates', Attributes: { SignatureVersion: '2' } }),
    );
    const subscribe = (receiver: Receiver, organization: string) =>
      client.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'http',
          Endpoint: receiver.url,
          Attributes: {
            FilterPolicy: JSON.stringify({ recipients: [organization] }),
            FilterPolicyScope: 'MessageAttributes',
          },
          ReturnSubscriptionArn: true,
        }),
      );
    const acmeArn = (await subscribe(acme, 'acme')).SubscriptionArn;
    const globexArn = (await subscribe(globex, 'globex')).SubscriptionArn;

    // Pending until confirmed, as in SNS.
    const pending = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: acmeArn }));
    expect(pending.Attributes).toMatchObject({
      PendingConfirmation: 'true',
      Protocol: 'http',
      Endpoint: acme.url,
      TopicArn,
      FilterPolicy: '{"recipients":["acme"]}',
      FilterPolicyScope: 'MessageAttributes',
    });
    const listed = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(listed.Subscriptions?.map((s) => s.SubscriptionArn)).toEqual([
      'PendingConfirmation',
      'PendingConfirmation',
    ]);

    const [acmeConfirmation] = await acme.waitFor('SubscriptionConfirmation');
    const [globexConfirmation] = await globex.waitFor('SubscriptionConfirmation');
    expect(acmeConfirmation?.headers).toMatchObject({
      'x-amz-sns-message-type': 'SubscriptionConfirmation',
      'x-amz-sns-topic-arn': TopicArn,
      'x-amz-sns-message-id': acmeConfirmation?.body.MessageId,
    });
    expect(acmeConfirmation?.body).toMatchObject({
      Type: 'SubscriptionConfirmation',
      TopicArn,
      SignatureVersion: '2',
    });
    expect(Object.keys(acmeConfirmation?.body ?? {})).toEqual([
      'Type',
      'MessageId',
      'Token',
      'TopicArn',
      'Message',
      'SubscribeURL',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
    ]);
    expect(await verifiesLikeAPartner(acmeConfirmation?.body ?? {})).toBe(true);

    // One confirms through the API, the other by visiting SubscribeURL (what most receivers do).
    const confirmed = await client.send(
      new ConfirmSubscriptionCommand({ TopicArn, Token: String(acmeConfirmation?.body.Token) }),
    );
    expect(confirmed.SubscriptionArn).toBe(acmeArn);
    const visit = await fetch(String(globexConfirmation?.body.SubscribeURL));
    expect(visit.status).toBe(200);
    expect(await visit.text()).toContain(`<SubscriptionArn>${globexArn}</SubscriptionArn>`);
    const after = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: globexArn }));
    expect(after.Attributes?.PendingConfirmation).toBe('false');

    const { MessageId } = await client.send(
      new PublishCommand({
        TopicArn,
        Subject: 'Incident INC-1 updated',
        Message: '{"incidentId":"INC-1"}',
        MessageAttributes: {
          recipients: arrayAttribute(['acme']),
          priority: { DataType: 'Number', StringValue: '2' },
        },
        MessageDeduplicationId: 'ignored-on-standard-topics',
      }),
    );
    const [notification] = await acme.waitFor('Notification');
    await sns.flush();
    expect(globex.received.filter((r) => r.body.Type === 'Notification')).toEqual([]);
    expect(notification?.headers).toMatchObject({
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': MessageId,
      'x-amz-sns-topic-arn': TopicArn,
      'x-amz-sns-subscription-arn': acmeArn,
    });
    expect(notification?.body).toMatchObject({
      Type: 'Notification',
      MessageId,
      TopicArn,
      Subject: 'Incident INC-1 updated',
      Message: '{"incidentId":"INC-1"}',
      SignatureVersion: '2',
      MessageAttributes: {
        recipients: { Type: 'String.Array', Value: '["acme"]' },
        priority: { Type: 'Number', Value: '2' },
      },
    });
    expect(String(notification?.body.UnsubscribeURL)).toContain('Action=Unsubscribe');
    expect(await verifiesLikeAPartner(notification?.body ?? {})).toBe(true);
    expect(await verifiesLikeAPartner({ ...notification?.body, Message: 'tampered' })).toBe(false);

    // A message for several organizations reaches each of them once.
    await client.send(
      new PublishCommand({
        TopicArn,
        Message: 'both',
        MessageAttributes: { recipients: arrayAttribute(['globex', 'acme']) },
      }),
    );
    await sns.flush();
    expect(acme.received.filter((r) => r.body.Message === 'both')).toHaveLength(1);
    expect(globex.received.filter((r) => r.body.Message === 'both')).toHaveLength(1);

    // Unsubscribe through UnsubscribeURL: nothing more arrives.
    expect((await fetch(String(notification?.body.UnsubscribeURL))).status).toBe(200);
    await client.send(
      new PublishCommand({
        TopicArn,
        Message: 'late',
        MessageAttributes: { recipients: arrayAttribute(['acme']) },
      }),
    );
    await sns.flush();
    expect(acme.received.filter((r) => r.body.Message === 'late')).toEqual([]);
    await expect(
      client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: acmeArn })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('retries a failing webhook a few times, then records the delivery as failed', async () => {
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'retries' }));
    const receiver = await startReceiver();
    try {
      const { SubscriptionArn } = await client.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'http',
          Endpoint: receiver.url,
          ReturnSubscriptionArn: true,
        }),
      );
      const [confirmation] = await receiver.waitFor('SubscriptionConfirmation');
      await client.send(
        new ConfirmSubscriptionCommand({ TopicArn, Token: String(confirmation?.body.Token) }),
      );

      receiver.statuses = [500, 503];
      const ok = await client.send(new PublishCommand({ TopicArn, Message: 'eventually' }));
      await sns.flush();
      receiver.statuses = [500, 500, 500, 500, 500];
      const ko = await client.send(new PublishCommand({ TopicArn, Message: 'never' }));
      await sns.flush();

      const deliveries = sns.deliveries().filter((d) => d.subscriptionArn === SubscriptionArn);
      expect(deliveries.find((d) => d.messageId === ok.MessageId)).toMatchObject({
        delivered: true,
        attempts: 3,
      });
      expect(deliveries.find((d) => d.messageId === ko.MessageId)).toMatchObject({
        delivered: false,
        attempts: 4,
        statusCode: 500,
      });
      expect(receiver.received.map((r) => r.body.Message)).toEqual([
        confirmation?.body.Message,
        'eventually',
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('publishes batches with per-entry results and batch-level errors', async () => {
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'batch' }));
    await client.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15555550101' }));

    const result = await client.send(
      new PublishBatchCommand({
        TopicArn,
        PublishBatchRequestEntries: [
          { Id: 'a', Message: 'first', MessageAttributes: { recipients: arrayAttribute(['acme']) } },
          { Id: 'b', Message: 'second' },
          { Id: 'c', Message: '' },
          { Id: 'd', Message: 'bad', MessageAttributes: { n: { DataType: 'Number', StringValue: 'five' } } },
        ],
      }),
    );

    expect(result.Successful?.map((s) => s.Id)).toEqual(['a', 'b']);
    expect(result.Successful?.every((s) => typeof s.MessageId === 'string')).toBe(true);
    expect(result.Failed).toEqual([
      { Id: 'c', Code: 'InvalidParameter', Message: 'Invalid parameter: Empty message', SenderFault: true },
      expect.objectContaining({ Id: 'd', Code: 'ParameterValueInvalid', SenderFault: true }),
    ]);
    expect(sns.mailbox({ to: '+15555550101' }).map((m) => m.message)).toEqual(['first', 'second']);

    const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, Message: 'm' }));
    await expect(
      client.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: entries(11) })),
    ).rejects.toBeInstanceOf(TooManyEntriesInBatchRequestException);
    await expect(
      client.send(
        new PublishBatchCommand({
          TopicArn,
          PublishBatchRequestEntries: [
            { Id: 'x', Message: 'm' },
            { Id: 'x', Message: 'm' },
          ],
        }),
      ),
    ).rejects.toBeInstanceOf(BatchEntryIdsNotDistinctException);
    await expect(
      client.send(
        new PublishCommand({
          TopicArn,
          Message: 'm',
          MessageAttributes: { recipients: { DataType: 'String.Array', StringValue: 'acme' } },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterValueException);
  });

  it('delivers email to the local mailbox once the address confirmed', async () => {
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'email' }));
    const to = 'security@acme.example';
    const { SubscriptionArn } = await client.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'email',
        Endpoint: to,
        Attributes: { FilterPolicy: '{"recipients":["acme"]}' },
      }),
    );
    expect(SubscriptionArn).toBe('pending confirmation');
    await client.send(
      new PublishCommand({
        TopicArn,
        Message: 'too early',
        MessageAttributes: { recipients: arrayAttribute(['acme']) },
      }),
    );

    const [confirmation] = sns.mailbox({ to });
    expect(confirmation).toMatchObject({ type: 'SubscriptionConfirmation', protocol: 'email', to });
    expect(confirmation?.message).toContain(String(confirmation?.subscribeUrl));
    await client.send(new ConfirmSubscriptionCommand({ TopicArn, Token: String(confirmation?.token) }));

    await client.send(
      new PublishCommand({
        TopicArn,
        Subject: 'New incident',
        Message: 'INC-2 needs your attention',
        MessageAttributes: { recipients: arrayAttribute(['acme', 'globex']) },
      }),
    );
    await client.send(
      new PublishCommand({
        TopicArn,
        Message: 'not for acme',
        MessageAttributes: { recipients: arrayAttribute(['globex']) },
      }),
    );

    const response = await fetch(`${sns.endpoint}/local/mailbox?to=${encodeURIComponent(to)}`);
    const mailbox = (await response.json()) as Array<Record<string, unknown>>;
    expect(mailbox.map((m) => m.message)).toEqual([confirmation?.message, 'INC-2 needs your attention']);
    expect(mailbox[1]).toMatchObject({
      to,
      protocol: 'email',
      subject: 'New incident',
      attributes: { recipients: { Type: 'String.Array', Value: '["acme","globex"]' } },
    });
    expect(typeof mailbox[1]?.at).toBe('string');

    expect((await fetch(`${sns.endpoint}/local/mailbox`, { method: 'DELETE' })).status).toBe(204);
    expect(sns.mailbox()).toEqual([]);
  });

  it(`refuses the ${MAX_FILTER_POLICIES_PER_TOPIC + 1}st filter policy on a topic`, async () => {
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'quota' }));
    const subscribe = (i: number, FilterPolicy: string) =>
      client.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'sqs',
          Endpoint: `arn:aws:sqs:us-east-1:000000000000:q${i}`,
          Attributes: { FilterPolicy },
        }),
      );
    for (let i = 0; i < MAX_FILTER_POLICIES_PER_TOPIC; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          subscribe(i + j, JSON.stringify({ recipients: [`org-${i + j}`] })),
        ),
      );
    }
    const over = subscribe(MAX_FILTER_POLICIES_PER_TOPIC, '{"recipients":["one-too-many"]}');
    await expect(over).rejects.toBeInstanceOf(FilterPolicyLimitExceededException);
    await expect(over).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });

    // Without a policy is fine; adding one later is refused too.
    const { SubscriptionArn } = await subscribe(999, '');
    let listed = 0;
    for await (const page of paginateListSubscriptionsByTopic({ client }, { TopicArn })) {
      listed += page.Subscriptions?.length ?? 0;
    }
    expect(listed).toBe(MAX_FILTER_POLICIES_PER_TOPIC + 1);
    await expect(
      client.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn,
          AttributeName: 'FilterPolicy',
          AttributeValue: '{"recipients":["x"]}',
        }),
      ),
    ).rejects.toBeInstanceOf(FilterPolicyLimitExceededException);
    await expect(subscribe(1000, '{"recipients":"not-a-list"}')).rejects.toBeInstanceOf(
      InvalidParameterException,
    );

    // Freeing one makes room again.
    await client.send(
      new UnsubscribeCommand({
        SubscriptionArn: sns.subscriptions().find((s) => s.endpoint.endsWith(':q0'))?.arn,
      }),
    );
    await client.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn,
        AttributeName: 'FilterPolicy',
        AttributeValue: '{"recipients":["x"]}',
      }),
    );
    await client.send(new DeleteTopicCommand({ TopicArn }));
    expect(sns.subscriptions().filter((s) => s.topicArn === TopicArn)).toEqual([]);
  });

  it('injects failures the SDK raises or retries, and counts calls per action', async () => {
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'faults' }));
    const noRetry = snsClient(sns.endpoint, 1);
    try {
      sns.resetCalls();
      sns.failNext(1, { action: 'Publish' });
      await client.send(new GetTopicAttributesCommand({ TopicArn })); // other actions are unaffected
      await expect(noRetry.send(new PublishCommand({ TopicArn, Message: 'm' }))).rejects.toBeInstanceOf(
        InternalErrorException,
      );
      await noRetry.send(new PublishCommand({ TopicArn, Message: 'm' }));
      expect(sns.calls('Publish')).toBe(2);

      sns.failNext(2, { action: 'Publish' }); // InternalError (500): retried by the SDK
      const retried = await client.send(new PublishCommand({ TopicArn, Message: 'm' }));
      expect(retried.$metadata.attempts).toBe(3);
      sns.failNext(1, { code: 'Throttling', action: 'Publish' }); // retried as throttling
      expect((await client.send(new PublishCommand({ TopicArn, Message: 'm' }))).$metadata.attempts).toBe(2);
      expect(sns.calls('Publish')).toBe(7);
      expect(sns.calls('GetTopicAttributes')).toBe(1);

      sns.failNext(1, { code: 'Throttling' });
      await expect(noRetry.send(new ListTopicsCommand({}))).rejects.toMatchObject({ name: 'Throttling' });
    } finally {
      noRetry.destroy();
    }
  });
});

describe('local SNS persistence', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-sns-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps topics, subscriptions, the mailbox and the signing certificate across a restart', async () => {
    const first = await startLocalSns({ dataDir });
    const firstClient = snsClient(first.endpoint);
    const { TopicArn } = await firstClient.send(
      new CreateTopicCommand({ Name: 'durable', Attributes: { KmsMasterKeyId: 'alias/aws/sns' } }),
    );
    const { SubscriptionArn } = await firstClient.send(
      new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15555550102' }),
    );
    await firstClient.send(new PublishCommand({ TopicArn, Message: 'before restart' }));
    const certificate = await (await fetch(`${first.endpoint}/SimpleNotificationService-local.pem`)).text();
    firstClient.destroy();
    await first.stop();

    const second = await startLocalSns({ dataDir });
    const secondClient = snsClient(second.endpoint);
    try {
      const attributes = await secondClient.send(new GetTopicAttributesCommand({ TopicArn }));
      expect(attributes.Attributes).toMatchObject({
        KmsMasterKeyId: 'alias/aws/sns',
        SubscriptionsConfirmed: '1',
      });
      const subscription = await secondClient.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
      expect(subscription.Attributes).toMatchObject({ Protocol: 'sms', PendingConfirmation: 'false' });
      await secondClient.send(new PublishCommand({ TopicArn, Message: 'after restart' }));
      expect(second.mailbox().map((m) => m.message)).toEqual(['before restart', 'after restart']);
      expect(await (await fetch(`${second.endpoint}/SimpleNotificationService-local.pem`)).text()).toBe(
        certificate,
      );
    } finally {
      secondClient.destroy();
      await second.stop();
    }
  });
});
