import { describe, expect, it } from 'vitest';
import { assertMaySeeIncident, partnerOrganization } from '../../shared/domain/access/partner.js';
import {
  activationOrganizations,
  addressedTo,
  canActOn,
  canSeeActivation,
  canSeeIncident,
  communicationVisibility,
  participantsAfter,
  partnerCommunicationView,
  partnerIncidentView,
  timelineVisible,
  withheldFor,
} from '../../shared/domain/access/visibility.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import type { Activation, CoordinatedAction } from '../../shared/schemas/coordination.js';
import type { Communication, IncidentDetail } from '../../shared/schemas/incidents.js';

const AT = '2030-01-01T00:00:00.000Z';
const X = 'TP-CLOUD';

const action = (actionId: string, responsible: string, supporting: string[] = []): CoordinatedAction => ({
  actionId,
  activationId: 'ACT-1',
  description: 'd',
  responsibleOrganization: responsible,
  supportingOrganizations: supporting,
  priority: 'high',
  status: 'pending',
  createdAt: AT,
  createdBy: 'u',
  updatedAt: AT,
  updatedBy: 'u',
});

const activation = (
  activationId: string,
  participants: string[],
  actions: CoordinatedAction[],
): Activation => ({
  activationId,
  playbookId: 'PB-1',
  playbookVersion: 1,
  incidentId: 'INC-1',
  status: 'active',
  participatingOrganizations: participants,
  escalationRules: [],
  escalationContacts: [],
  activatedAt: AT,
  activatedBy: 'u',
  actions,
  escalations: [],
});

const comm = (id: string, over: Partial<Communication> = {}): Communication => ({
  communicationId: id,
  type: 'email',
  direction: 'outbound',
  subject: id,
  content: 'c',
  sentTo: ['someone'],
  priority: 'medium',
  recordedAt: AT,
  recordedBy: 'u',
  ...over,
});

const deliveredTo = (organizationId: string): Communication['delivery'] => ({
  status: 'sent',
  organizations: [{ organizationId, messageId: 'MSG-1', recipients: ['CON-1'], status: 'sent' }],
});

describe('who participates', () => {
  it('an incident is visible to its affected third parties and to activation/action participants', () => {
    expect(canSeeIncident({ affectedThirdParties: [X] }, X)).toBe(true);
    expect(canSeeIncident({ affectedThirdParties: [], participants: [X] }, X)).toBe(true);
    expect(canSeeIncident({ affectedThirdParties: ['TP-OTHER'], participants: ['ORG-2'] }, X)).toBe(false);
    expect(canSeeIncident({ affectedThirdParties: [X] }, undefined)).toBe(false);
  });

  it('an activation is visible to its participants and action owners only', () => {
    const a = activation('ACT-1', ['ORG-A'], [action('COORD-1', 'ORG-B', ['ORG-C'])]);
    expect(activationOrganizations(a)).toEqual(['ORG-A', 'ORG-B', 'ORG-C']);
    expect(canSeeActivation(a, 'ORG-C')).toBe(true);
    expect(canSeeActivation(a, X)).toBe(false);
  });

  it('a partner acts on coordinated actions it is responsible or supporting on', () => {
    expect(canActOn(action('COORD-1', X), X)).toBe(true);
    expect(canActOn(action('COORD-1', 'ORG-B', [X]), X)).toBe(true);
    expect(canActOn(action('COORD-1', 'ORG-B'), X)).toBe(false);
    expect(canActOn(action('COORD-1', X), undefined)).toBe(false);
  });

  it('participants accumulate without duplicates', () => {
    expect(participantsAfter(undefined, ['A', 'B', 'A'])).toEqual(['A', 'B']);
    expect(participantsAfter(['A'], ['B', 'A'])).toEqual(['A', 'B']);
  });
});

describe('TLP withholding for partners', () => {
  const viewer = { organization: X, ceiling: 'AMBER' as const };

  it('always shows what was addressed to or recorded by the partner', () => {
    const red = comm('COMM-1', { tlp: 'RED', delivery: deliveredTo(X) });
    expect(addressedTo(red, X)).toBe(true);
    expect(communicationVisibility(red, 'AMBER', viewer)).toEqual({ visible: true });
    const inbound = comm('COMM-2', { direction: 'inbound', thirdParty: X, tlp: 'RED' });
    expect(communicationVisibility(inbound, 'RED', viewer)).toEqual({ visible: true });
    // an organization listed without recipients was not addressed
    const empty = comm('COMM-3', {
      tlp: 'RED',
      delivery: {
        status: 'sent',
        organizations: [{ organizationId: X, messageId: 'M', recipients: [], status: 'sent' }],
      },
    });
    expect(communicationVisibility(empty, 'AMBER', viewer)).toEqual({ visible: false, reason: 'RED' });
  });

  it('withholds RED and AMBER+STRICT not addressed to the partner, and anything above its ceiling', () => {
    expect(
      communicationVisibility(comm('C', { tlp: 'RED', delivery: deliveredTo('ORG-B') }), 'AMBER', viewer),
    ).toEqual({
      visible: false,
      reason: 'RED',
    });
    expect(communicationVisibility(comm('C', { tlp: 'AMBER+STRICT' }), 'AMBER', viewer)).toEqual({
      visible: false,
      reason: 'AMBER+STRICT',
    });
    expect(
      communicationVisibility(comm('C', { tlp: 'AMBER' }), 'RED', { organization: X, ceiling: 'GREEN' }),
    ).toEqual({
      visible: false,
      reason: 'ABOVE_CEILING',
    });
    expect(communicationVisibility(comm('C', { tlp: 'GREEN' }), 'RED', viewer)).toEqual({ visible: true });
    expect(communicationVisibility(comm('C', { tlp: 'AMBER' }), 'AMBER', viewer)).toEqual({ visible: true });
  });

  it('a communication without its own marking carries the incident TLP', () => {
    expect(communicationVisibility(comm('C'), 'RED', viewer)).toEqual({ visible: false, reason: 'RED' });
    expect(communicationVisibility(comm('C'), 'AMBER', viewer)).toEqual({ visible: true });
  });

  it('withholds timeline entries about withheld communications and invisible activations', () => {
    const withheld = { communications: new Set(['COMM-1']), activations: new Set(['ACT-2']) };
    expect(timelineVisible({ data: { communicationId: 'COMM-1' } }, withheld)).toBe(false);
    expect(timelineVisible({ data: { activationId: 'ACT-2', actionId: 'COORD-1' } }, withheld)).toBe(false);
    expect(timelineVisible({ data: { communicationId: 'COMM-2' } }, withheld)).toBe(true);
    expect(timelineVisible({}, withheld)).toBe(true);
  });

  it('removes withheld content from the incident server-side, keeping its shape', () => {
    const detail = {
      id: 'INC-1',
      tlp: 'AMBER',
      affectedThirdParties: [X],
      communications: [
        comm('COMM-1', { tlp: 'RED', delivery: deliveredTo('ORG-B') }),
        comm('COMM-2', { tlp: 'RED', delivery: deliveredTo(X) }),
        comm('COMM-3'),
      ],
      activations: [
        activation('ACT-1', [X], [action('COORD-1', X)]),
        activation('ACT-2', ['ORG-B'], [action('COORD-1', 'ORG-B')]),
      ],
      obligations: [{ regime: 'gdpr' }],
      suggestedRegimes: [{ regime: 'nis2' }],
      timeline: [
        { seq: 1, at: AT, actor: 'u', type: 'incident.created', summary: 's' },
        {
          seq: 2,
          at: AT,
          actor: 'u',
          type: 'communication.recorded',
          summary: 's',
          data: { communicationId: 'COMM-1' },
        },
        {
          seq: 3,
          at: AT,
          actor: 'u',
          type: 'communication.recorded',
          summary: 's',
          data: { communicationId: 'COMM-2' },
        },
        {
          seq: 4,
          at: AT,
          actor: 'u',
          type: 'playbook.activated',
          summary: 's',
          data: { activationId: 'ACT-2' },
        },
      ],
    } as unknown as IncidentDetail;
    const view = partnerIncidentView(detail, { organization: X, ceiling: 'AMBER' });
    expect(view.communications.map((c) => c.communicationId)).toEqual(['COMM-2', 'COMM-3']);
    expect(view.activations.map((a) => a.activationId)).toEqual(['ACT-1']);
    expect(view.timeline.map((e) => e.seq)).toEqual([1, 3]);
    expect(view.obligations).toEqual([]);
    expect(view.suggestedRegimes).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('"COMM-1"');
    expect(withheldFor(detail, { organization: X, ceiling: 'AMBER' }).communications).toEqual(
      new Set(['COMM-1']),
    );
  });
});

describe('a visible communication as the partner sees it', () => {
  it('keeps only its own organization of the delivery and drops the request recipients', () => {
    const c = comm('COMM-9', {
      tlp: 'GREEN',
      sentTo: ['CON-1', 'CON-B'],
      recipients: { contacts: ['CON-1', 'CON-B'] },
      delivery: {
        status: 'sent',
        organizations: [
          { organizationId: X, messageId: 'M1', recipients: ['CON-1'], status: 'sent' },
          { organizationId: 'ORG-B', messageId: 'M2', recipients: ['CON-B'], status: 'sent' },
        ],
      },
    });
    const seen = partnerCommunicationView(c, X);
    expect(seen.sentTo).toEqual(['CON-1']);
    expect(seen.recipients).toBeUndefined();
    expect(seen.delivery?.organizations.map((o) => o.organizationId)).toEqual([X]);
    expect(JSON.stringify(seen)).not.toContain('CON-B');
    const recorded = comm('COMM-10', { sentTo: ['board@acme.example'] });
    expect(partnerCommunicationView(recorded, X)).toBe(recorded);
  });
});

describe('partner scope of a caller', () => {
  it('scopes partner-only callers to their organization; internal roles are not scoped', () => {
    expect(partnerOrganization({ subject: 's', organization: X, roles: ['partner'] })).toBe(X);
    expect(partnerOrganization({ subject: 's', organization: 'acme', roles: ['viewer'] })).toBeNull();
    expect(partnerOrganization({ subject: 's', organization: X, roles: ['partner', 'viewer'] })).toBeNull();
    expect(() => partnerOrganization({ subject: 's', organization: undefined, roles: ['partner'] })).toThrow(
      ForbiddenError,
    );
  });

  it('answers 404 with the missing-incident message to a non-participating partner', () => {
    const incident = { id: 'INC-1', affectedThirdParties: ['TP-OTHER'] };
    expect(() =>
      assertMaySeeIncident({ subject: 's', organization: X, roles: ['partner'] }, incident),
    ).toThrow(new NotFoundError('Incident INC-1 not found'));
    expect(() =>
      assertMaySeeIncident({ subject: 's', organization: 'acme', roles: ['viewer'] }, incident),
    ).not.toThrow();
  });
});
