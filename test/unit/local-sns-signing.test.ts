import { createVerify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey, signMessage, stringToSign } from '../../infra/local/sns/signing.js';

describe('local SNS message signing', () => {
  const key = loadOrCreateSigningKey();
  const certificate = new X509Certificate(key.certificatePem);

  it('issues a valid self-signed certificate', () => {
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.ca).toBe(false);
    expect(new Date(certificate.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(certificate.validFrom).getTime()).toBeLessThan(Date.now());
  });

  it('builds the string to sign as AWS documents it', () => {
    const notification = {
      Type: 'Notification',
      MessageId: 'm-1',
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:t',
      Message: 'hello',
      Timestamp: '2026-01-01T00:00:00.000Z',
      UnsubscribeURL: 'http://x',
    };
    expect(stringToSign(notification)).toBe(
      'Message\nhello\nMessageId\nm-1\nTimestamp\n2026-01-01T00:00:00.000Z\nTopicArn\narn:aws:sns:us-east-1:000000000000:t\nType\nNotification\n',
    );
    expect(stringToSign({ ...notification, Subject: 'Hi' })).toContain(
      'MessageId\nm-1\nSubject\nHi\nTimestamp\n',
    );
    expect(
      stringToSign({
        Type: 'SubscriptionConfirmation',
        MessageId: 'm',
        Token: 't',
        TopicArn: 'a',
        Message: 'x',
        SubscribeURL: 'u',
        Timestamp: 'ts',
      }),
    ).toBe(
      'Message\nx\nMessageId\nm\nSubscribeURL\nu\nTimestamp\nts\nToken\nt\nTopicArn\na\nType\nSubscriptionConfirmation\n',
    );
  });

  it.each([
    ['1', 'RSA-SHA1'],
    ['2', 'RSA-SHA256'],
  ] as const)('signs SignatureVersion %s with %s', (version, algorithm) => {
    const message = { Type: 'Notification', MessageId: '1', TopicArn: 'a', Message: 'm', Timestamp: 't' };
    const signature = signMessage(message, version, key);
    const verify = (m: typeof message) =>
      createVerify(algorithm).update(stringToSign(m)).verify(certificate.publicKey, signature, 'base64');
    expect(verify(message)).toBe(true);
    expect(verify({ ...message, Message: 'other' })).toBe(false);
  });
});
