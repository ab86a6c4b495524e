/**
 * GET /dashboard (issue 13): open incidents by priority, overdue actions, clocks due within 24 h,
 * directory health, response metrics over a period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

let stack: LocalStack;
let coordinator: string;
const post = (path: string, body: unknown) => stack.request('POST', path, { body, token: coordinator });
const dashboard = (query: Record<string, string> = {}) =>
  stack.request('GET', '/dashboard', { token: coordinator, query });

beforeAll(async () => {
  stack = await startLocalStack();
  coordinator = await stack.token('coordinator', { sub: 'carol' });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

async function incident(severity: string) {
  const res = await post('/incidents', {
    title: `Incident ${severity}`,
    description: 'd',
    severity,
    category: 'outage',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('getDashboard', () => {
  it('is empty on an empty table', async () => {
    const res = await dashboard();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      openByPriority: { critical: 0, high: 0, medium: 0, low: 0 },
      overdueActions: [],
      clocksDue: [],
      metrics: {
        incidents: 0,
        mttaMinutes: null,
        timeToContainmentMinutes: null,
        timeToClosureMinutes: null,
      },
      truncated: false,
    });
  });

  it('counts open incidents, lists overdue actions and clocks due, computes the metrics', async () => {
    const critical = await incident('critical');
    const low = await incident('low');
    const closed = await incident('medium');
    const overdue = await post(`/incidents/${critical}/actions`, {
      description: 'Rotate keys',
      assignedTo: 'rita',
      dueDate: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(overdue.status).toBe(201);
    const later = await post(`/incidents/${critical}/actions`, {
      description: 'Write report',
      assignedTo: 'rita',
      dueDate: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(later.status).toBe(201);
    expect(
      (
        await post(`/incidents/${low}/communications`, {
          type: 'email',
          direction: 'outbound',
          subject: 'Heads up',
          content: 'We are on it',
          sentTo: ['partner@example.com'],
        })
      ).status,
    ).toBe(201);
    const nis2 = await post(`/incidents/${critical}/obligations`, { regime: 'nis2' });
    expect(nis2.status).toBe(201);
    expect((await post(`/incidents/${closed}/close`, {})).status).toBe(200);

    const res = await dashboard();
    expect(res.status).toBe(200);
    expect(res.body.openByPriority).toEqual({ critical: 1, high: 0, medium: 0, low: 1 });
    expect(res.body.openByStatus).toEqual({ open: 2, openedInPeriod: 3, closedOfPeriod: 1 });
    expect(res.body.overdueActions).toEqual([
      expect.objectContaining({
        incidentId: critical,
        actionId: overdue.body.actionId,
        description: 'Rotate keys',
      }),
    ]);
    // NIS2 Art. 23(4)(a): the early warning is due 24 h after awareness (the discovery, just now).
    expect(res.body.clocksDue).toEqual([
      expect.objectContaining({
        incidentId: critical,
        regime: 'nis2',
        clock: 'early-warning',
        dueAt: expect.any(String),
      }),
    ]);
    expect(res.body.metrics.incidents).toBe(3);
    expect(res.body.metrics.mttaMinutes).toEqual(expect.any(Number));
    expect(res.body.metrics.timeToClosureMinutes).toEqual(expect.any(Number));
    expect(res.body.metrics.timeToContainmentMinutes).toBeNull();
  });

  it('the period bounds the metrics; 400 when it ends before it starts; partners refused', async () => {
    const past = await dashboard({ from: '2000-01-01T00:00:00Z', to: '2000-02-01T00:00:00Z' });
    expect(past.status).toBe(200);
    expect(past.body.metrics.incidents).toBe(0);
    expect(past.body.openByPriority.critical).toBe(1); // open incidents are not period-bound
    const bad = await dashboard({ from: '2001-01-01T00:00:00Z', to: '2000-01-01T00:00:00Z' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'query.from' })]);
    const partner = await stack.token('partner', { organization: 'globex' });
    expect((await stack.request('GET', '/dashboard', { token: partner })).status).toBe(403);
  });
});
