import { describe, expect, it } from 'vitest';
import {
  CreateChannelBody,
  CreatePlaybookBody,
  UpdateCoordinatedActionBody,
} from '../../shared/schemas/coordination.js';

const playbook = {
  name: 'Data Breach Response',
  incidentType: 'data_breach',
  participatingOrganizations: ['acme', 'cloudco'],
  rolesResponsibilities: { acme: ['coordinator'], cloudco: ['forensics'] },
  communicationProtocols: { primary: 'secure_email' },
  escalationProcedures: ['Call the cloud provider duty manager'],
  responseActions: [
    { action: 'Contain the breach', responsible: 'cloudco', timeframe: 'PT4H' },
    { action: 'Notify the regulator', responsible: 'acme', timeframe: '3 days' },
  ],
};

describe('coordination schemas', () => {
  it('accepts a channel with three escalation levels and refuses a bad timeframe or a repeated level', () => {
    const channel = {
      name: 'Cloud breach bridge',
      type: 'bilateral',
      participants: ['acme', 'cloudco'],
      purpose: 'Coordinate the breach response',
      communicationMethods: ['secure_email', 'phone'],
      primaryMethod: 'secure_email',
      backupMethod: 'phone',
      escalationRules: [
        { level: 1, contact: 'soc@cloudco.example', timeframe: '30 minutes' },
        { level: 2, contact: 'ciso@cloudco.example', timeframe: 'PT2H' },
        { level: 3, contact: 'ceo@cloudco.example', timeframe: '1 day' },
      ],
    };
    expect(CreateChannelBody.safeParse(channel).success).toBe(true);
    const bad = CreateChannelBody.safeParse({
      ...channel,
      escalationRules: [{ level: 1, contact: 'x', timeframe: 'soon' }],
    });
    expect(bad.error?.issues[0]?.path).toEqual(['escalationRules', 0, 'timeframe']);
    const twice = CreateChannelBody.safeParse({
      ...channel,
      escalationRules: [channel.escalationRules[0], channel.escalationRules[0]],
    });
    expect(twice.error?.issues[0]?.path).toEqual(['escalationRules']);
  });

  it('accepts the seed playbook; responsible organizations and role holders must participate', () => {
    expect(CreatePlaybookBody.safeParse(playbook).success).toBe(true);
    const outsider = CreatePlaybookBody.safeParse({
      ...playbook,
      responseActions: [{ action: 'x', responsible: 'stranger', timeframe: 'PT1H' }],
    });
    expect(outsider.error?.issues[0]?.path).toEqual(['responseActions', 0, 'responsible']);
    const role = CreatePlaybookBody.safeParse({ ...playbook, rolesResponsibilities: { stranger: ['x'] } });
    expect(role.error?.issues[0]?.path).toEqual(['rolesResponsibilities', 'stranger']);
  });

  it('declining a coordinated action needs a reason', () => {
    expect(UpdateCoordinatedActionBody.safeParse({ status: 'declined' }).error?.issues[0]?.path).toEqual([
      'reason',
    ]);
    expect(
      UpdateCoordinatedActionBody.safeParse({ status: 'declined', reason: 'out of scope' }).success,
    ).toBe(true);
    expect(UpdateCoordinatedActionBody.safeParse({ status: 'acknowledged' }).success).toBe(true);
  });
});
