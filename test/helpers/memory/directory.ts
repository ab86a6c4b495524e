/**
 * In-memory repositories of the directory aggregates (organizations and agreements, contacts,
 * templates, channels, playbooks, escalation policies and triggers) over one shared store, so a
 * write's checks of another aggregate (an organization exists, a contact is live) behave as the
 * DynamoDB transaction's do: all or nothing, with the same typed errors.
 */
import type { StoredAgreement } from '../../../shared/db/entities/agreement.js';
import {
  type ContactReferenceChange,
  contactReferenceItems,
  type StoredContact,
} from '../../../shared/db/entities/contact.js';
import type { StoredPolicy } from '../../../shared/db/entities/escalation-policy.js';
import type { StoredTrigger } from '../../../shared/db/entities/escalation-trigger.js';
import type { StoredOrganization, StoredThirdParty } from '../../../shared/db/entities/organization.js';
import type { ChannelsRepository } from '../../../shared/db/repos/channels.js';
import { type ContactsRepository, unusableContacts } from '../../../shared/db/repos/contacts.js';
import type { PoliciesRepository } from '../../../shared/db/repos/escalation-policies.js';
import type { TriggersRepository } from '../../../shared/db/repos/escalation-triggers.js';
import {
  type OrganizationsRepository,
  unknownOrganizations,
} from '../../../shared/db/repos/organizations.js';
import type { PlaybooksRepository } from '../../../shared/db/repos/playbooks.js';
import type { TemplatesRepository } from '../../../shared/db/repos/templates.js';
import { alreadyExists, concurrentUpdate, type TransactPart } from '../../../shared/db/transact.js';
import { NotFoundError, ValidationError } from '../../../shared/errors.js';
import type { Channel, Playbook } from '../../../shared/schemas/coordination.js';
import type { Template, TemplateVersion } from '../../../shared/schemas/templates.js';

type Page<T> = { items: T[]; nextCursor: string | null };

/** One page of `all` (sorted by `sortKey`) after the cursor (the index of the next item, as text). */
function page<T>(
  all: T[],
  q: { limit: number; cursor?: string | undefined },
  sortKey: (v: T) => string,
): Page<T> {
  const sorted = [...all].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const from = q.cursor === undefined ? 0 : Number(q.cursor);
  const items = sorted.slice(from, from + q.limit);
  return { items, nextCursor: from + q.limit < sorted.length ? String(from + q.limit) : null };
}
const byName = (v: { id: string; name: string }) => `${v.name.toLowerCase()}#${v.id}`;
const clone = <T>(v: T): T => structuredClone(v);

export interface DirectoryStore {
  readonly organizations: Map<string, StoredOrganization>;
  readonly agreements: Map<string, StoredAgreement>;
  readonly contacts: Map<string, StoredContact>;
  readonly templates: Map<string, Template>;
  readonly templateVersions: Map<string, TemplateVersion>;
  readonly channels: Map<string, Channel>;
  readonly playbooks: Map<string, Playbook>;
  readonly playbookVersions: Map<string, Playbook>;
  readonly policies: Map<string, StoredPolicy>;
  readonly triggers: Map<string, StoredTrigger>;
}

import { memoryPart } from './parts.js';

/** The memory form of a TransactPart: its change, remembered by identity. */
const changes = new WeakMap<TransactPart, ContactReferenceChange>();

export function memoryDirectory(store: DirectoryStore = emptyStore()) {
  const versioned = <T extends { version: number }>(
    map: Map<string, T>,
    id: string,
    expected: number | null,
    what: string,
  ) => {
    const current = map.get(id);
    if (expected === null && current) throw alreadyExists(what, id);
    if (expected !== null && current?.version !== expected) throw concurrentUpdate();
  };

  /** The contacts' reference changes, checked (ValidationError) and then applied by the caller. */
  const refChanges = (parts: readonly TransactPart[]) => {
    const updates: (() => void)[] = [];
    for (const part of parts) {
      const change = changes.get(part);
      if (!change) continue;
      const adds = change.add.filter(
        (a, i) => change.add.findIndex((b) => b.contactId === a.contactId) === i,
      );
      const removes = [...new Set(change.remove)].filter((id) => !adds.some((a) => a.contactId === id));
      const bad = adds.filter((a) => {
        const c = store.contacts.get(a.contactId);
        return (
          !c || c.deletedAt !== null || (change.organizationId && c.organizationId !== change.organizationId)
        );
      });
      if (bad.length > 0) {
        throw unusableContacts(
          bad.map((a) => ({
            field: a.field,
            message: change.organizationId
              ? `contact ${a.contactId} does not exist, is deleted, or is not a contact of ${change.organizationId}`
              : `contact ${a.contactId} does not exist or is deleted`,
          })),
        );
      }
      for (const id of removes) if (!store.contacts.has(id)) throw concurrentUpdate();
      for (const a of adds) updates.push(() => setRef(a.contactId, change.ref, true));
      for (const id of removes) updates.push(() => setRef(id, change.ref, false));
    }
    return () => {
      for (const u of updates) u();
    };
  };
  const setRef = (id: string, ref: string, add: boolean) => {
    const c = store.contacts.get(id);
    if (!c) return;
    const set = new Set(c.referencedBy ?? []);
    if (add) set.add(ref);
    else set.delete(ref);
    const { referencedBy: _r, ...rest } = c;
    store.contacts.set(id, {
      ...rest,
      ...(set.size > 0 ? { referencedBy: set } : {}),
      version: c.version + 1,
    });
  };
  const missingOrgs = (refs: readonly { id: string; field: string }[]) =>
    refs.filter((r) => !store.organizations.has(r.id));

  const organizations: OrganizationsRepository = {
    get: async (id) => clone(store.organizations.get(id)),
    async create(org) {
      versioned(store.organizations, org.id, null, 'Organization');
      store.organizations.set(org.id, clone(org));
    },
    async replace(next, expectedVersion, refs) {
      versioned(store.organizations, next.id, expectedVersion, 'Organization');
      const apply = refChanges(refs);
      store.organizations.set(next.id, clone(next));
      apply();
    },
    list: async (q) =>
      page(
        [...store.organizations.values()].filter((o) => q.kind === undefined || o.kind === q.kind),
        q,
        byName,
      ),
    listThirdParties: async (q) =>
      page(
        [...store.organizations.values()].filter(
          (o): o is StoredThirdParty =>
            o.kind === 'supplier' &&
            (q.criticality === undefined || o.criticality === q.criticality) &&
            (q.type === undefined || o.type === q.type),
        ),
        q,
        byName,
      ),
    async withAgreements(id) {
      const organization = store.organizations.get(id);
      if (!organization) return undefined;
      const agreements = [...store.agreements.values()]
        .filter((a) => a.organizationId === id)
        .sort((a, b) => a.id.localeCompare(b.id));
      return clone({ organization, agreements });
    },
    getAgreement: async (o, a) => clone(store.agreements.get(`${o}/${a}`)),
    async createAgreement(a) {
      if (!store.organizations.has(a.organizationId))
        throw new NotFoundError(`Organization ${a.organizationId} not found`);
      versioned(store.agreements, `${a.organizationId}/${a.id}`, null, 'Agreement');
      if (store.agreements.has(`${a.organizationId}/${a.id}`)) throw alreadyExists('Agreement', a.id);
      store.agreements.set(`${a.organizationId}/${a.id}`, clone(a));
    },
    async replaceAgreement(next, expectedVersion) {
      versioned(store.agreements, `${next.organizationId}/${next.id}`, expectedVersion, 'Agreement');
      store.agreements.set(`${next.organizationId}/${next.id}`, clone(next));
    },
    existParts: () => {
      throw new Error('memory: organization checks inside another repository are not modelled');
    },
  };

  const contacts: ContactsRepository = {
    get: async (id) => clone(store.contacts.get(id)),
    async getMany(ids) {
      const out = new Map<string, StoredContact>();
      for (const id of ids) {
        const c = store.contacts.get(id);
        if (c) out.set(id, clone(c));
      }
      return out;
    },
    list: async (q) =>
      page(
        [...store.contacts.values()].filter(
          (c) =>
            c.deletedAt === null &&
            (q.organizationId === undefined || c.organizationId === q.organizationId) &&
            (q.stakeholderGroup === undefined || c.stakeholderGroup === q.stakeholderGroup) &&
            (q.dimension === undefined || c.dimension === q.dimension),
        ),
        q,
        byName,
      ),
    async write(writes, checks = {}) {
      const [first] = writes;
      if (!first) return;
      if (first.expectedVersion === null && store.contacts.has(first.contact.id))
        throw alreadyExists('Contact', first.contact.id);
      if (checks.organizationId && !store.organizations.has(checks.organizationId)) throw concurrentUpdate();
      for (const w of writes) {
        const current = store.contacts.get(w.contact.id);
        if (w.expectedVersion === null ? current : current?.version !== w.expectedVersion)
          throw concurrentUpdate();
      }
      for (const w of writes) store.contacts.set(w.contact.id, clone(w.contact));
    },
    async setSubscriptions(id, subscriptions, version) {
      const c = store.contacts.get(id);
      if (c?.version !== version) throw concurrentUpdate();
      store.contacts.set(id, { ...c, subscriptions: clone(subscriptions) });
    },
    referenceParts(change) {
      const part = contactReferenceItems('memory', change);
      changes.set(part, change);
      return part;
    },
    replacePart: (contact, expectedVersion) =>
      memoryPart(
        () => {
          if (store.contacts.get(contact.id)?.version !== expectedVersion) throw concurrentUpdate();
        },
        () => store.contacts.set(contact.id, clone(contact)),
      ),
  };

  const templates: TemplatesRepository = {
    get: async (id) => clone(store.templates.get(id)),
    getVersion: async (id, n) => clone(store.templateVersions.get(`${id}/${n}`)),
    async create(head, first) {
      if (store.templates.has(head.id)) throw alreadyExists('Template', head.id);
      store.templates.set(head.id, clone(head));
      store.templateVersions.set(`${head.id}/${first.version}`, clone(first));
    },
    async addVersion(head, version, expectedLatest) {
      if (store.templates.get(head.id)?.latestVersion !== expectedLatest) throw concurrentUpdate();
      if (store.templateVersions.has(`${head.id}/${version.version}`)) throw concurrentUpdate();
      store.templates.set(head.id, clone(head));
      store.templateVersions.set(`${head.id}/${version.version}`, clone(version));
    },
    async approve(head, approved) {
      const key = `${head.id}/${approved.version}`;
      if (store.templates.get(head.id)?.latestVersion !== approved.version) throw concurrentUpdate();
      if (store.templateVersions.get(key)?.approvedAt !== null) throw concurrentUpdate();
      store.templates.set(head.id, clone(head));
      store.templateVersions.set(key, clone(approved));
    },
    list: async (q) =>
      page(
        [...store.templates.values()].filter((t) => q.audience === undefined || t.audience === q.audience),
        q,
        byName,
      ),
    listVersions: async (id, q) =>
      page(
        [...store.templateVersions.values()].filter((v) => v.templateId === id),
        q,
        (v) => String(1e9 - v.version).padStart(10, '0'),
      ),
  };

  const channels: ChannelsRepository = {
    get: async (id) => clone(store.channels.get(id)),
    async write(channel, expectedVersion) {
      const missing = missingOrgs(
        channel.participants.map((id, i) => ({ id, field: `body.participants.${i}` })),
      );
      if (missing.length > 0) throw unknownOrganizations(missing);
      versioned(store.channels, channel.id, expectedVersion, 'Channel');
      store.channels.set(channel.id, clone(channel));
    },
    list: async (q) => page([...store.channels.values()], q, byName),
  };

  const playbooks: PlaybooksRepository = {
    get: async (id, version) =>
      clone(version === undefined ? store.playbooks.get(id) : store.playbookVersions.get(`${id}/${version}`)),
    async write(playbook, expectedVersion) {
      const missing = missingOrgs(
        playbook.participatingOrganizations.map((id, i) => ({
          id,
          field: `body.participatingOrganizations.${i}`,
        })),
      );
      if (missing.length > 0) throw unknownOrganizations(missing);
      versioned(store.playbooks, playbook.id, expectedVersion, 'Playbook');
      store.playbooks.set(playbook.id, clone(playbook));
      store.playbookVersions.set(`${playbook.id}/${playbook.version}`, clone(playbook));
    },
    editPart: (playbook, expectedVersion) =>
      memoryPart(
        () => versioned(store.playbooks, playbook.id, expectedVersion, 'Playbook'),
        () => {
          store.playbooks.set(playbook.id, clone(playbook));
          store.playbookVersions.set(`${playbook.id}/${playbook.version}`, clone(playbook));
        },
      ),
    list: async (q) => page([...store.playbooks.values()], q, byName),
  };

  const policies: PoliciesRepository = {
    get: async (id) => clone(store.policies.get(id)),
    async write(policy, expectedVersion, orgs, contactRefs) {
      const missing = missingOrgs(orgs);
      if (missing.length > 0) throw unknownOrganizations(missing);
      const apply = refChanges([contactRefs]);
      versioned(store.policies, policy.id, expectedVersion, 'Escalation policy');
      store.policies.set(policy.id, clone(policy));
      apply();
    },
    list: async (q) => page([...store.policies.values()], q, byName),
    autoStart: async () => [...store.policies.values()].filter((p) => p.autoStart).map(clone),
  };

  let triggerReads = 0;
  const triggers: TriggersRepository & { readonly reads: number } = {
    get: async (id) => clone(store.triggers.get(id)),
    async write(t, expectedVersion, contactRefs) {
      const details = [
        ...(t.startChain && !store.policies.has(t.startChain)
          ? [{ field: 'body.startChain', message: `${t.startChain} does not exist` }]
          : []),
        ...(t.notify.organizations ?? []).flatMap((id, i) =>
          store.organizations.has(id)
            ? []
            : [{ field: `body.notify.organizations.${i}`, message: `${id} does not exist` }],
        ),
      ];
      let apply = () => {};
      try {
        apply = refChanges([contactRefs]);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        details.push(...error.details);
      }
      if (details.length > 0) throw new ValidationError('Unknown references', details);
      versioned(store.triggers, t.id, expectedVersion, 'Escalation trigger');
      store.triggers.set(t.id, clone(t));
      apply();
    },
    list: async (q) => page([...store.triggers.values()], q, byName),
    async all() {
      triggerReads++;
      return [...store.triggers.values()].map(clone);
    },
    get reads() {
      return triggerReads;
    },
  };

  return { store, organizations, contacts, templates, channels, playbooks, policies, triggers };
}

export function emptyStore(): DirectoryStore {
  return {
    organizations: new Map(),
    agreements: new Map(),
    contacts: new Map(),
    templates: new Map(),
    templateVersions: new Map(),
    channels: new Map(),
    playbooks: new Map(),
    playbookVersions: new Map(),
    policies: new Map(),
    triggers: new Map(),
  };
}
