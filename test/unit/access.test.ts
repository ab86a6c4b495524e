import { describe, expect, it } from 'vitest';
import { assertMaySeeIncident, partnerOrganization } from '../../shared/domain/access/partner.js';
import {
  activationOrganizations,
  addressedTo,
  canActOn,
  canSeeActivation,
  canSeeIncident,
  communicationVisibility,
  internalNotice,
  internalTimelineEntry,
  participantsAfter,
  partnerCommand,
  partnerCommunicationView,
  partnerIncidentView,
  partnerTimeline,
  partnerTimelineEntry,
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
    const withheld = {
      organization: X,
      communications: new Set(['COMM-1']),
      activations: new Set(['ACT-2']),
    };
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
    const inbound = comm('COMM-10', { direction: 'inbound', thirdParty: X, sentTo: ['acme SOC'] });
    expect(partnerCommunicationView(inbound, X)).toBe(inbound);
  });

  it('does not expose the addressees of a recorded communication not addressed to the partner', () => {
    const recorded = comm('COMM-11', { sentTo: ['board@acme.example'] });
    const seen = partnerCommunicationView(recorded, X);
    expect(seen.sentTo).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain('board@acme.example');
    // another organization's inbound message: its addressees are not X's business either
    const theirs = comm('COMM-12', {
      direction: 'inbound',
      thirdParty: 'ORG-B',
      sentTo: ['ops@acme.example'],
    });
    expect(partnerCommunicationView(theirs, X).sentTo).toEqual([]);
  });
});

const entry = (seq: number, type: string, data?: Record<string, unknown>) => ({
  seq,
  at: AT,
  actor: 'u',
  type,
  summary: 's',
  ...(data ? { data } : {}),
});

describe('internal content partners never see', () => {
  const viewer = { organization: X, ceiling: 'RED' as const };
  const none = { organization: X, communications: new Set<string>(), activations: new Set<string>() };

  it('withholds the operator internal timeline entries whatever the TLP', () => {
    for (const type of [
      'obligation.attached',
      'obligation.updated',
      'obligation.submitted',
      'obligation.reminder',
      'obligation.overdue',
      'escalation.chain_started',
      'escalation.chain_stopped',
      'escalation.level',
      'escalation.created',
      'trigger.fired',
      'trigger.notice',
      'incident.acknowledged',
      'notice.undeliverable',
    ]) {
      expect(timelineVisible(entry(1, type, { regime: 'gdpr' }), none), type).toBe(false);
      expect(internalTimelineEntry({ type }, X), type).toBe(true);
    }
    for (const type of [
      'incident.created',
      'communication.recorded',
      'playbook.activated',
      'action.reminder',
    ]) {
      expect(timelineVisible(entry(1, type), none), type).toBe(true);
    }
  });

  it("shows escalation entries of an activation the partner takes part in, not another's", () => {
    const withheld = { ...none, activations: new Set(['ACT-2']) };
    expect(timelineVisible(entry(1, 'escalation.chain_started', { activationId: 'ACT-1' }), withheld)).toBe(
      true,
    );
    expect(timelineVisible(entry(1, 'escalation.level', { activationId: 'ACT-1', level: 1 }), withheld)).toBe(
      true,
    );
    expect(timelineVisible(entry(1, 'escalation.chain_started', { activationId: 'ACT-2' }), withheld)).toBe(
      false,
    );
    expect(timelineVisible(entry(1, 'escalation.chain_started', { chainIds: ['ESC-1'] }), withheld)).toBe(
      false,
    );
  });

  it("shows command entries of the partner's own partner-side roles only", () => {
    const mine = { role: 'partner_incident_manager', holder: { subject: 'paula', organizationId: X } };
    const theirs = {
      role: 'partner_incident_manager',
      holder: { subject: 'oscar', organizationId: 'ORG-B' },
    };
    const internal = { role: 'incident_commander', holder: { subject: 'carol', name: 'Carol' } };
    expect(timelineVisible(entry(1, 'command.assigned', mine), none)).toBe(true);
    expect(timelineVisible(entry(1, 'command.handed_over', theirs), none)).toBe(false);
    expect(timelineVisible(entry(1, 'command.assigned', internal), none)).toBe(false);
    expect(
      timelineVisible(
        entry(1, 'command.updated', { role: 'partner_technical_lead', organizationId: X }),
        none,
      ),
    ).toBe(true);
  });

  it('withholds internal Liaison notices unless delivered to the partner', () => {
    for (const kind of [
      'obligation.reminder',
      'escalation.level',
      'trigger.notice',
      'action.reminder',
      'action.overdue',
    ]) {
      const toOthers = comm('N', { tlp: 'GREEN', notice: { kind }, delivery: deliveredTo('ORG-ACME') });
      expect(internalNotice(toOthers), kind).toBe(true);
      expect(communicationVisibility(toOthers, 'GREEN', viewer), kind).toEqual({
        visible: false,
        reason: 'INTERNAL',
      });
      const toX = comm('N', { tlp: 'GREEN', notice: { kind }, delivery: deliveredTo(X) });
      expect(communicationVisibility(toX, 'GREEN', viewer), kind).toEqual({ visible: true });
    }
    const started = comm('N', { notice: { kind: 'activation.started' }, delivery: deliveredTo(X) });
    expect(internalNotice(started)).toBe(false);
    expect(communicationVisibility(started, 'AMBER', viewer)).toEqual({ visible: true });
  });

  it('strips the recipients of other organizations from visible timeline entries', () => {
    const e = entry(1, 'activation.started', {
      communicationId: 'COMM-1',
      activationId: 'ACT-1',
      kind: 'activation.started',
      organizations: [X, 'ORG-B'],
      sentTo: ['CON-1', 'CON-B'],
      skipped: [{ recipient: 'contact:CON-ACME-CEO', reason: 'GREEN' }],
      replaced: [{ contactId: 'CON-B', alternateId: 'CON-B2' }],
      recipients: { contacts: ['CON-B'] },
    });
    const seen = partnerTimelineEntry(e);
    expect(seen.data).toEqual({
      communicationId: 'COMM-1',
      activationId: 'ACT-1',
      kind: 'activation.started',
    });
    expect(JSON.stringify(seen)).not.toMatch(/CON-B|CON-ACME-CEO|ORG-B/);
    expect(e.data?.sentTo).toEqual(['CON-1', 'CON-B']); // not mutated
    const plain = entry(2, 'incident.created', { severity: 'high' });
    expect(partnerTimelineEntry(plain)).toBe(plain);
    expect(partnerTimeline([e, entry(3, 'trigger.fired'), plain], none).map((x) => x.seq)).toEqual([1, 2]);
  });

  it('drops internal incident fields and trims command holders to name, organization and since', () => {
    const holder = (subject: string, organizationId?: string) => ({
      subject,
      name: subject.toUpperCase(),
      contactId: `CON-${subject}`,
      ...(organizationId ? { organizationId } : {}),
      since: AT,
      assignedBy: 'carol',
    });
    const detail = {
      id: 'INC-1',
      tlp: 'GREEN',
      affectedThirdParties: [X],
      firedTriggers: ['TRG-1'],
      overdueActions: ['ACTION-1'],
      acknowledgedAt: AT,
      acknowledgedBy: 'carol',
      command: {
        incident_commander: holder('dave'),
        partner_incident_manager: holder('paula', X),
        partner_technical_lead: holder('oscar', 'ORG-B'),
      },
      commandHistory: [
        {
          role: 'incident_commander',
          ...holder('carol'),
          from: AT,
          until: AT,
          handedOverBy: 'carol',
          handedOverTo: 'dave',
          note: 'shift',
        },
        { role: 'partner_technical_lead', ...holder('oscar', 'ORG-B'), from: AT },
      ],
      escalations: [{ escalationId: 'ESC-1', reason: 'r', escalatedTo: 'CISO' }],
      communications: [],
      activations: [],
      obligations: [],
      suggestedRegimes: [],
      timeline: [],
    } as unknown as IncidentDetail;
    const view = partnerIncidentView(detail, viewer);
    for (const field of ['firedTriggers', 'overdueActions', 'acknowledgedAt', 'acknowledgedBy']) {
      expect(view, field).not.toHaveProperty(field);
    }
    expect(view.command).toEqual({
      incident_commander: { subject: '', name: 'DAVE', since: AT, assignedBy: '' },
      partner_incident_manager: { subject: '', name: 'PAULA', organizationId: X, since: AT, assignedBy: '' },
    });
    expect(view.commandHistory).toEqual([
      { role: 'incident_commander', subject: '', name: 'CAROL', from: AT, until: AT, assignedBy: '' },
    ]);
    expect(view.escalations).toEqual([]);
    const raw = JSON.stringify(view);
    expect(raw).not.toMatch(/CON-|oscar|ORG-B|shift|CISO|TRG-1|ACTION-1/);
    expect(partnerCommand({}, X)).toEqual({});
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
