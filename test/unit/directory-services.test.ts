/**
 * The directory services over the in-memory repositories (no SDK, no network): the rules the
 * services keep (references, conflicts, versions) and the typed errors the repositories answer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, deleteContact, getContact } from '../../shared/domain/contacts/service.js';
import { createChannel, updateChannel } from '../../shared/domain/coordination/channels.js';
import type { Deps } from '../../shared/domain/deps.js';
import { invalidateEscalationCache } from '../../shared/domain/escalation/cache.js';
import { allTriggers, createTrigger } from '../../shared/domain/escalation/triggers.js';
import { createOrganization, updateOrganization } from '../../shared/domain/organizations/service.js';
import { approveTemplate, createTemplate, updateTemplate } from '../../shared/domain/templates/service.js';
import { createThirdParty, getThirdParty } from '../../shared/domain/third-parties/service.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { memoryDeps } from '../helpers/memory-repos.js';

const caller = { subject: 'coord', organization: undefined, roles: ['coordinator'] } as const;
let deps: Deps;

const contactBody = (id: string, organizationId: string) => ({
  id,
  organizationId,
  name: id,
  stakeholderGroup: 'technical' as const,
  channels: [
    { type: 'email' as const, address: `${id.toLowerCase()}@example.org`, priority: 'primary' as const },
  ],
  alternates: [],
  verificationIntervalDays: 90,
});

beforeEach(async () => {
  invalidateEscalationCache();
  deps = memoryDeps();
  await createOrganization(deps, caller, { id: 'ORG-1', name: 'One', kind: 'cert' });
  await createOrganization(deps, caller, { id: 'ORG-2', name: 'Two', kind: 'isac' });
});

describe('organizations and third parties', () => {
  it('a taken id is 409 ALREADY_EXISTS, for an organization as for a third party', async () => {
    await expect(
      createOrganization(deps, caller, { id: 'ORG-1', name: 'Again', kind: 'cert' }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(
      createThirdParty(deps, caller, {
        id: 'ORG-1',
        name: 'Again',
        type: 'cloud',
        criticality: 'high',
      } as never),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('a third party is an organization of kind supplier; another kind is not a third party', async () => {
    await createThirdParty(deps, caller, {
      id: 'TP-1',
      name: 'Cloud',
      type: 'cloud',
      criticality: 'high',
    } as never);
    expect(await getThirdParty(deps, 'TP-1')).toMatchObject({ id: 'TP-1', kind: 'supplier' });
    expect(await getThirdParty(deps, 'TP-1')).not.toHaveProperty('createdBy');
    await expect(getThirdParty(deps, 'ORG-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('escalation contacts must be live contacts of the organization; a referenced contact cannot be deleted', async () => {
    await createContact(deps, caller, contactBody('CON-1', 'ORG-1'));
    await createContact(deps, caller, contactBody('CON-2', 'ORG-2'));
    const refused = updateOrganization(deps, caller, 'ORG-1', { escalationContactIds: ['CON-1', 'CON-2'] });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ details: [{ field: 'body.escalationContactIds.1' }] });
    expect((await getContact(deps, 'CON-1')).referencedBy).toEqual([]); // nothing written

    const org = await updateOrganization(deps, caller, 'ORG-1', { escalationContactIds: ['CON-1'] });
    expect(org).toMatchObject({ escalationContactIds: ['CON-1'], version: 2 });
    expect((await getContact(deps, 'CON-1')).referencedBy).toEqual(['organization:ORG-1#escalation']);
    await expect(deleteContact(deps, caller, 'CON-1', {})).rejects.toMatchObject({ code: 'CONTACT_IN_USE' });

    await updateOrganization(deps, caller, 'ORG-1', { escalationContactIds: [] });
    expect((await deleteContact(deps, caller, 'CON-1', {})).deletedAt).not.toBeNull();
  });
});

describe('channels', () => {
  it('an unknown participant is a 400 naming its position; an update bumps the version', async () => {
    const body = { id: 'CH-1', name: 'Bridge', type: 'bridge', participants: ['ORG-1', 'ORG-9'] } as never;
    await expect(createChannel(deps, caller, body)).rejects.toMatchObject({
      details: [{ field: 'body.participants.1', message: 'organization ORG-9 does not exist' }],
    });
    await createChannel(deps, caller, {
      id: 'CH-1',
      name: 'Bridge',
      type: 'bridge',
      participants: ['ORG-1'],
    } as never);
    expect(
      await updateChannel(deps, caller, 'CH-1', { participants: ['ORG-1', 'ORG-2'] } as never),
    ).toMatchObject({
      version: 2,
      participants: ['ORG-1', 'ORG-2'],
    });
  });
});

describe('templates', () => {
  it('every edit is a new version; only the latest is approved, once', async () => {
    const content = {
      id: 'TPL-1',
      name: 'Notice',
      audience: 'partners',
      channelTypes: ['email'],
      subject: 'About the incident',
      body: 'Hello',
      maxTlp: 'AMBER',
    } as never;
    await createTemplate(deps, caller, content);
    await expect(createTemplate(deps, caller, content)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await updateTemplate(deps, caller, 'TPL-1', { body: 'Hello again' } as never)).toMatchObject({
      latestVersion: 2,
      approvedVersion: null,
    });
    await expect(approveTemplate(deps, caller, 'TPL-1', { version: 1 } as never)).rejects.toMatchObject({
      code: 'NOT_LATEST_VERSION',
    });
    expect(await approveTemplate(deps, caller, 'TPL-1', {} as never)).toMatchObject({ approvedVersion: 2 });
    await expect(approveTemplate(deps, caller, 'TPL-1', {} as never)).rejects.toMatchObject({
      code: 'ALREADY_APPROVED',
    });
  });
});

describe('escalation triggers', () => {
  it('unknown references are one 400 naming every field; the trigger list is read once per cache period', async () => {
    const body = {
      id: 'TRG-1',
      name: 'Critical',
      when: { priorityAtLeast: 'critical' },
      notify: { organizations: ['ORG-9'], contacts: ['CON-9'] },
      enabled: true,
    } as never;
    await expect(createTrigger(deps, caller, body)).rejects.toMatchObject({
      message: 'Unknown references',
      details: [{ field: 'body.notify.organizations.0' }, { field: 'body.notify.contacts.0' }],
    });
    await createTrigger(deps, caller, { ...(body as object), notify: { organizations: ['ORG-1'] } } as never);
    const triggers = deps.repos.triggers as typeof deps.repos.triggers & { reads: number };
    invalidateEscalationCache();
    expect((await allTriggers(deps)).map((t) => t.id)).toEqual(['TRG-1']);
    await allTriggers(deps);
    expect(triggers.reads).toBe(1);
  });
});
