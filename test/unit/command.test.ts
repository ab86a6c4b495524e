import { describe, expect, it } from 'vitest';
import {
  groupByDimension,
  type Participant,
  participantDimension,
} from '../../shared/domain/command/dimensions.js';
import {
  assertAuthority,
  assignmentProblems,
  commandHistory,
  type Decision,
  decisionAuthority,
  handover,
} from '../../shared/domain/command/rules.js';
import { ForbiddenError } from '../../shared/errors.js';
import type { Command } from '../../shared/schemas/command.js';

const T0 = '2030-01-01T00:00:00.000Z';
const T1 = '2030-01-01T02:00:00.000Z';
const T2 = '2030-01-01T05:00:00.000Z';

const commander: Command = {
  incident_commander: { subject: 'carol', name: 'Carol', since: T0, assignedBy: 'ada' },
};

const DECISIONS: Decision[] = ['close', 'reopen', 'lower_tlp', 'change_commander'];

describe('decision authority', () => {
  it('lets coordinators and admins decide while no commander is named, nobody else', () => {
    for (const d of DECISIONS) {
      expect(decisionAuthority({ subject: 'x', roles: ['coordinator'] }, undefined, d).allowed).toBe(true);
      expect(decisionAuthority({ subject: 'x', roles: ['admin'] }, {}, d).allowed).toBe(true);
      expect(decisionAuthority({ subject: 'x', roles: ['responder'] }, undefined, d)).toEqual({
        allowed: false,
        reason: expect.stringContaining('no incident commander is named'),
      });
      expect(decisionAuthority({ subject: 'x', roles: ['partner'] }, undefined, d).allowed).toBe(false);
    }
  });

  it('gives decisions to the named commander (by subject) and admins only', () => {
    for (const d of DECISIONS) {
      expect(decisionAuthority({ subject: 'carol', roles: ['coordinator'] }, commander, d).allowed).toBe(
        true,
      );
      expect(decisionAuthority({ subject: 'ada', roles: ['admin'] }, commander, d).allowed).toBe(true);
      const other = decisionAuthority({ subject: 'dave', roles: ['coordinator'] }, commander, d);
      expect(other.allowed).toBe(false);
      expect(other).toMatchObject({ reason: expect.stringContaining('Only the incident commander (Carol)') });
    }
  });

  it('other roles (deputy, technical lead) hold no decision authority', () => {
    const command: Command = {
      ...commander,
      deputy_commander: { subject: 'dave', name: 'Dave', since: T0, assignedBy: 'carol' },
    };
    expect(decisionAuthority({ subject: 'dave', roles: ['coordinator'] }, command, 'close').allowed).toBe(
      false,
    );
  });

  it('assertAuthority throws a ForbiddenError with the reason', () => {
    expect(() =>
      assertAuthority({ subject: 'dave', roles: ['coordinator'] }, { command: commander }, 'close'),
    ).toThrow(ForbiddenError);
    expect(() =>
      assertAuthority({ subject: 'carol', roles: ['coordinator'] }, { command: commander }, 'close'),
    ).not.toThrow();
  });
});

describe('role assignments', () => {
  it('needs a participating organization for partner roles only', () => {
    const holder = { subject: 'p', name: 'P' };
    expect(assignmentProblems('technical_lead', holder, [])).toEqual([]);
    expect(assignmentProblems('partner_incident_manager', holder, ['TP-1'])).toEqual([
      { field: 'body.holder.organizationId', message: expect.stringContaining('required') },
    ]);
    expect(
      assignmentProblems('partner_incident_manager', { ...holder, organizationId: 'TP-2' }, ['TP-1']),
    ).toEqual([
      { field: 'body.holder.organizationId', message: expect.stringContaining('does not participate') },
    ]);
    expect(
      assignmentProblems('partner_technical_lead', { ...holder, organizationId: 'TP-1' }, ['TP-1']),
    ).toEqual([]);
  });

  it('a first assignment opens a tenure; a handover ends the previous one', () => {
    const first = handover(undefined, 'incident_commander', { subject: 'carol', name: 'Carol' }, T0, 'ada');
    expect(first).toEqual({
      kind: 'assigned',
      holder: { subject: 'carol', name: 'Carol', since: T0, assignedBy: 'ada' },
    });
    const command: Command = { incident_commander: first.holder };
    const next = handover(
      command,
      'incident_commander',
      { subject: 'dave', name: 'Dave', contactId: 'CON-D' },
      T1,
      'carol',
      'shift change',
    );
    expect(next.kind).toBe('handed_over');
    expect(next.holder).toEqual({
      subject: 'dave',
      name: 'Dave',
      contactId: 'CON-D',
      since: T1,
      assignedBy: 'carol',
    });
    expect(next.ended).toEqual({
      role: 'incident_commander',
      subject: 'carol',
      name: 'Carol',
      from: T0,
      until: T1,
      assignedBy: 'ada',
      handedOverBy: 'carol',
      handedOverTo: 'dave',
      note: 'shift change',
    });
  });

  it('re-assigning the same subject updates the holder and keeps the tenure', () => {
    const same = handover(
      commander,
      'incident_commander',
      { subject: 'carol', name: 'Carol C.', contactId: 'C' },
      T1,
      'x',
    );
    expect(same).toEqual({
      kind: 'updated',
      holder: { subject: 'carol', name: 'Carol C.', contactId: 'C', since: T0, assignedBy: 'ada' },
    });
  });

  it('the history lists ended tenures and the current holders, oldest first', () => {
    const ended = [
      {
        role: 'incident_commander' as const,
        subject: 'carol',
        name: 'Carol',
        from: T0,
        until: T1,
        assignedBy: 'ada',
        handedOverBy: 'carol',
        handedOverTo: 'dave',
      },
    ];
    const current: Command = {
      incident_commander: { subject: 'dave', name: 'Dave', since: T1, assignedBy: 'carol' },
      technical_lead: { subject: 'erin', name: 'Erin', since: T2, assignedBy: 'dave' },
    };
    expect(commandHistory(ended, current).map((t) => [t.role, t.subject, t.from, t.until])).toEqual([
      ['incident_commander', 'carol', T0, T1],
      ['incident_commander', 'dave', T1, undefined],
      ['technical_lead', 'erin', T2, undefined],
    ]);
    expect(commandHistory([], undefined)).toEqual([]);
  });
});

describe('participants by dimension', () => {
  it('non-internal organizations are external whatever their contacts', () => {
    expect(participantDimension('supplier', ['executives'])).toBe('external');
    expect(participantDimension('cert', [])).toBe('external');
  });

  it('an internal unit is vertical with a vertical contact, else horizontal', () => {
    expect(participantDimension('internal', ['legal', 'executives'])).toBe('vertical');
    expect(participantDimension('internal', ['technical'])).toBe('vertical');
    expect(participantDimension('internal', ['legal', 'it'])).toBe('horizontal');
    expect(participantDimension('internal', [])).toBe('horizontal');
  });

  it('groups each participant once, sorted by name', () => {
    const p = (organizationId: string, name: string, dimension: Participant['dimension']): Participant => ({
      organizationId,
      name,
      kind: dimension === 'external' ? 'supplier' : 'internal',
      dimension,
    });
    const grouped = groupByDimension([
      p('TP-2', 'Zeta Cloud', 'external'),
      p('LEGAL', 'Legal', 'horizontal'),
      p('TP-1', 'Acme Cloud', 'external'),
      p('EXEC', 'Executive board', 'vertical'),
    ]);
    expect(grouped.vertical.map((x) => x.organizationId)).toEqual(['EXEC']);
    expect(grouped.horizontal.map((x) => x.organizationId)).toEqual(['LEGAL']);
    expect(grouped.external.map((x) => x.organizationId)).toEqual(['TP-1', 'TP-2']);
  });
});
