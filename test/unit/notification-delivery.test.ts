import { describe, expect, it } from 'vitest';
import { tlsOnlyPolicy, topicName } from '../../shared/aws/sns.js';
import { backoffMs, MAX_ATTEMPTS, snsSubject } from '../../shared/domain/notifications/delivery.js';
import { recipientFilter } from '../../shared/domain/notifications/topics.js';

describe('outbox retry schedule', () => {
  it('doubles the delay after each failed attempt, capped at one hour', () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(20)).toBe(3_600_000);
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
  });
});

describe('SNS message shape', () => {
  it('marks the subject with its TLP, ASCII, one line, under 100 characters', () => {
    expect(snsSubject('RED', 'Rotate keys')).toBe('[TLP:RED] Rotate keys');
    const long = snsSubject('AMBER', `Clé ${'x'.repeat(200)}\nnext`);
    expect(long.length).toBeLessThan(100);
    expect(long).toMatch(/^\[TLP:AMBER\] Cl\? x+$/);
  });

  it('names topics by organization and filters subscriptions on the contact id', () => {
    expect(topicName('liaison-', 'ORG-1')).toBe('liaison-ORG-1');
    expect(topicName('liaison-', 'acme.eu')).toBe('liaison-acme_eu');
    expect(JSON.parse(recipientFilter('CON-1'))).toEqual({ recipients: ['CON-1'] });
    expect(tlsOnlyPolicy('arn:aws:sns:eu-west-1:1:liaison-ORG-1')).toContain('"aws:SecureTransport":"false"');
  });
});
