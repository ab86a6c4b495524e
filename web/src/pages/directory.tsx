/**
 * The directory: organizations (edit) with their sharing agreements (create, edit, revoke), contacts
 * (channels, alternates, verification state; create, edit, delete), templates (create, new version,
 * approve, versions, preview), coordination channels, playbooks, escalation policies and triggers
 * (create and edit), and directory health. Create and edit forms are `RecordForm`s (../record-form.tsx).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../api/client';
import { ENUMS } from '../enums';
import type { PageProps } from '../main';
import { type FieldSpec, RecordForm } from '../record-form';
import { ApiForm, clean, ErrorBanner, Field, run, TLPS, TlpMark, useLoad, useOpen, when } from '../ui';

const TABS = [
  'organizations',
  'contacts',
  'templates',
  'channels',
  'playbooks',
  'escalation',
  'health',
] as const;
type Tab = (typeof TABS)[number];
type Values = Record<string, unknown>;
/** A form's body for the typed client: its fields were built from the schema's own field list. */
const as = <T,>(body: Values): T => body as T;

export default function Directory({ query }: PageProps): JSX.Element {
  const [tab, setTab] = useState<Tab>((query.get('tab') as Tab) ?? 'organizations');
  return (
    <>
      <h1>Directory</h1>
      <div role="tablist" aria-label="Directory sections">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}{' '}
      </div>
      <div role="tabpanel" aria-label={tab}>
        {tab === 'organizations' && <Organizations />}
        {tab === 'contacts' && <Contacts />}
        {tab === 'templates' && <Templates />}
        {tab === 'channels' && <Channels />}
        {tab === 'playbooks' && <Playbooks />}
        {tab === 'escalation' && <Escalation />}
        {tab === 'health' && <Health />}
      </div>
    </>
  );
}

const CONTACT_INFO: FieldSpec[] = [
  { name: 'contactInfo.email', label: 'Contact e-mail' },
  { name: 'contactInfo.phone', label: 'Contact phone', placeholder: '+4930123456' },
  { name: 'contactInfo.address', label: 'Postal address' },
  { name: 'contactInfo.website', label: 'Website' },
  { name: 'contactInfo.notes', label: 'Contact notes', kind: 'textarea' },
];

const ORGANIZATION_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Organization id', createOnly: true },
  { name: 'name', label: 'Organization name' },
  { name: 'kind', label: 'Kind', kind: 'select', options: ENUMS.organizationKind, readOnlyOnEdit: true },
  { name: 'description', label: 'Description', kind: 'textarea' },
  ...CONTACT_INFO,
];
const ORGANIZATION_REFERENCES: FieldSpec[] = [
  { name: 'ownerContactId', label: 'Owner contact id', nullable: true },
  { name: 'escalationContactIds', label: 'Escalation contact ids (comma separated)', kind: 'list' },
];

function Organizations(): JSX.Element {
  const list = useLoad(() => run(api().GET('/organizations', { params: { query: { limit: 100 } } })), []);
  const [agreementsOf, setAgreementsOf] = useState<string>();
  const [editing, toggle] = useOpen();
  const items = list.data?.items ?? [];
  const edited = items.find((o) => o.id === editing);
  return (
    <section>
      <h2>Organizations</h2>
      <ErrorBanner error={list.error} />
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>Kind</th>
            <th>Agreements</th>
            <th>Edit</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.id}>
              <td>{o.id}</td>
              <td>{o.name}</td>
              <td>{o.kind}</td>
              <td>
                <button type="button" onClick={() => setAgreementsOf(o.id)}>
                  Agreements of {o.id}
                </button>
              </td>
              <td>
                {o.kind !== 'supplier' && (
                  <button type="button" aria-expanded={editing === o.id} onClick={() => toggle(o.id)}>
                    Edit {o.id}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {edited && (
        <RecordForm
          key={`${edited.id}-${edited.version}`}
          label={`Edit organization ${edited.id}`}
          button="Save organization"
          fields={[...ORGANIZATION_FIELDS, ...ORGANIZATION_REFERENCES]}
          initial={edited as unknown as Values}
          submit={(body) =>
            run(
              api().PATCH('/organizations/{organizationId}', {
                params: { path: { organizationId: edited.id } },
                body: as<Schemas['UpdateOrganization']>(body),
              }),
            )
          }
          onDone={list.reload}
        />
      )}
      {agreementsOf && <Agreements org={agreementsOf} />}
      <RecordForm
        label="Add organization"
        fields={ORGANIZATION_FIELDS}
        submit={(body) =>
          run(api().POST('/organizations', { body: as<Schemas['CreateOrganization']>(body) }))
        }
        onDone={list.reload}
      />
      <p>Suppliers and other third parties are registered and edited on the Third parties page.</p>
    </section>
  );
}

const AGREEMENT_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Agreement id', createOnly: true },
  {
    name: 'type',
    label: 'Agreement type',
    kind: 'select',
    options: ENUMS.agreementType,
    readOnlyOnEdit: true,
  },
  { name: 'reference', label: 'Document reference' },
  {
    name: 'signedAt',
    label: 'Signed at (ISO 8601)',
    readOnlyOnEdit: true,
    placeholder: '2026-01-31T00:00:00Z',
  },
  { name: 'expiresAt', label: 'Expires at (ISO 8601)', nullable: true, placeholder: '2027-01-31T00:00:00Z' },
  { name: 'tlpCeiling', label: 'TLP ceiling', kind: 'select', options: TLPS },
  { name: 'handlingCaveats', label: 'Handling caveats', kind: 'textarea' },
];

function Agreements({ org }: { org: string }): JSX.Element {
  const list = useLoad(
    () =>
      run(
        api().GET('/organizations/{organizationId}/agreements', {
          params: { path: { organizationId: org } },
        }),
      ),
    [org],
  );
  const [editing, toggle] = useOpen();
  const [error, setError] = useState<Schemas['Error']>();
  const items = (list.data as { items?: Schemas['Agreement'][] } | undefined)?.items ?? [];
  const edited = items.find((a) => a.id === editing);
  const patch = (agreementId: string, body: Values) =>
    run(
      api().PATCH('/organizations/{organizationId}/agreements/{agreementId}', {
        params: { path: { organizationId: org, agreementId } },
        body: as<Schemas['UpdateAgreement']>(body),
      }),
    );
  return (
    <div>
      <h3>Sharing agreements of {org}</h3>
      <ErrorBanner error={list.error ?? error} />
      <ul>
        {items.map((a) => (
          <li key={a.id}>
            {a.id} {a.type} ceiling <TlpMark tlp={a.tlpCeiling} /> {a.status} expires{' '}
            {when(a.expiresAt ?? undefined)}{' '}
            {a.status !== 'revoked' && (
              <>
                <button type="button" aria-expanded={editing === a.id} onClick={() => toggle(a.id)}>
                  Edit {a.id}
                </button>{' '}
                <button
                  type="button"
                  onClick={async () => {
                    if (!window.confirm(`Revoke agreement ${a.id}? This cannot be undone.`)) return;
                    const r = await patch(a.id, { revoke: true });
                    setError(r.ok ? undefined : r.error);
                    list.reload();
                  }}
                >
                  Revoke {a.id}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {edited && (
        <RecordForm
          key={`${edited.id}-${edited.version}`}
          label={`Edit agreement ${edited.id}`}
          button="Save agreement"
          fields={AGREEMENT_FIELDS}
          initial={edited as unknown as Values}
          submit={(body) => patch(edited.id, body)}
          onDone={list.reload}
        />
      )}
      <RecordForm
        label={`Add agreement with ${org}`}
        button="Add agreement"
        fields={AGREEMENT_FIELDS}
        submit={(body) =>
          run(
            api().POST('/organizations/{organizationId}/agreements', {
              params: { path: { organizationId: org } },
              body: as<Schemas['CreateAgreement']>(body),
            }),
          )
        }
        onDone={list.reload}
      />
    </div>
  );
}

const CONTACT_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Contact id', createOnly: true },
  { name: 'organizationId', label: 'Contact organization', readOnlyOnEdit: true },
  { name: 'name', label: 'Contact name' },
  { name: 'title', label: 'Title' },
  { name: 'stakeholderGroup', label: 'Stakeholder group', kind: 'select', options: ENUMS.stakeholderGroup },
  {
    name: 'channels',
    label: `Channels (type | address | primary or backup, one a line; types: ${ENUMS.channelType.join(', ')})`,
    kind: 'lines',
    columns: ['type', 'address', 'priority'],
    placeholder: 'email | soc@example.com | primary',
  },
  { name: 'alternates', label: 'Alternate contact ids (comma separated)', kind: 'list' },
  { name: 'verificationIntervalDays', label: 'Verify every (days)', kind: 'number' },
];

function Contacts(): JSX.Element {
  const list = useLoad(() => run(api().GET('/contacts', { params: { query: { limit: 100 } } })), []);
  const [editing, toggle] = useOpen();
  const [deleting, setDeleting] = useState<string>();
  const items = list.data?.items ?? [];
  const edited = items.find((c) => c.id === editing);
  return (
    <section>
      <h2>Contacts</h2>
      <ErrorBanner error={list.error} />
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>Organization</th>
            <th>Group</th>
            <th>Channels</th>
            <th>Alternates</th>
            <th>Verification</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>{c.id}</td>
              <td>{c.name}</td>
              <td>{c.organizationId}</td>
              <td>{c.stakeholderGroup}</td>
              <td>{(c.channels ?? []).map((ch) => `${ch.type}: ${ch.address}`).join('; ')}</td>
              <td>{(c.alternates ?? []).join(', ')}</td>
              <td>
                {c.verificationStatus} (next {when(c.nextVerificationDue)})
              </td>
              <td>
                <button type="button" aria-expanded={editing === c.id} onClick={() => toggle(c.id)}>
                  Edit {c.id}
                </button>{' '}
                <button type="button" onClick={() => setDeleting(c.id)}>
                  Delete {c.id}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {edited && (
        <RecordForm
          key={`${edited.id}-${edited.version}`}
          label={`Edit contact ${edited.id}`}
          button="Save contact"
          fields={CONTACT_FIELDS}
          initial={edited as unknown as Values}
          submit={(body) =>
            run(
              api().PATCH('/contacts/{contactId}', {
                params: { path: { contactId: edited.id } },
                body: as<Schemas['UpdateContact']>(body),
              }),
            )
          }
          onDone={list.reload}
        />
      )}
      {deleting && (
        <ApiForm
          label={`Delete contact ${deleting}`}
          submit={(v) =>
            run(
              api().DELETE('/contacts/{contactId}', {
                params: { path: { contactId: deleting } },
                body: clean({ reason: v.str('reason') }),
              }),
            )
          }
          onDone={() => {
            setDeleting(undefined);
            list.reload();
          }}
        >
          {(err) => (
            <Field label="Reason for deleting" error={err('reason')}>
              <input name="reason" size={40} />
            </Field>
          )}
        </ApiForm>
      )}
      <RecordForm
        label="Add contact"
        fields={CONTACT_FIELDS}
        submit={(body) => run(api().POST('/contacts', { body: as<Schemas['CreateContact']>(body) }))}
        onDone={list.reload}
      />
    </section>
  );
}

const TEMPLATE_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Template id', createOnly: true },
  { name: 'name', label: 'Template name' },
  { name: 'audience', label: 'Audience', kind: 'select', options: ENUMS.audience },
  {
    name: 'channelTypes',
    label: `Channel types (comma separated: ${ENUMS.channelType.join(', ')})`,
    kind: 'list',
  },
  { name: 'subject', label: 'Subject (Mustache)', placeholder: '[{{tlp}}] {{incidentId}}: {{title}}' },
  { name: 'body', label: 'Body (Mustache)', kind: 'textarea' },
  { name: 'maxTlp', label: 'Highest TLP', kind: 'select', options: TLPS },
];

function Templates(): JSX.Element {
  const list = useLoad(() => run(api().GET('/templates', { params: { query: { limit: 100 } } })), []);
  const [error, setError] = useState<Schemas['Error']>();
  const [editing, toggle] = useOpen();
  const [versionsOf, setVersionsOf] = useState<string>();
  const items = list.data?.items ?? [];
  const edited = items.find((t) => t.id === editing);
  return (
    <section>
      <h2>Templates</h2>
      <ErrorBanner error={list.error ?? error} />
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>Audience</th>
            <th>Max TLP</th>
            <th>Versions</th>
            <th>Approval</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => (
            <tr key={t.id}>
              <td>{t.id}</td>
              <td>{t.name}</td>
              <td>{t.audience}</td>
              <td>
                <TlpMark tlp={t.maxTlp} />
              </td>
              <td>
                latest {t.latestVersion}, approved {t.approvedVersion ?? '—'}{' '}
                <button type="button" onClick={() => setVersionsOf(t.id)}>
                  Versions of {t.id}
                </button>
              </td>
              <td>
                {t.approvedVersion !== t.latestVersion && (
                  <button
                    type="button"
                    onClick={async () => {
                      const r = await run(
                        api().POST('/templates/{templateId}/approve', {
                          params: { path: { templateId: t.id } },
                          body: { version: t.latestVersion } as Schemas['ApproveTemplate'],
                        }),
                      );
                      setError(r.ok ? undefined : r.error);
                      list.reload();
                    }}
                  >
                    Approve version {t.latestVersion}
                  </button>
                )}
              </td>
              <td>
                <button type="button" aria-expanded={editing === t.id} onClick={() => toggle(t.id)}>
                  Edit {t.id}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {edited && (
        <RecordForm
          key={`${edited.id}-${edited.latestVersion}`}
          label={`New version of template ${edited.id}`}
          button="Save as new version"
          fields={TEMPLATE_FIELDS}
          initial={edited as unknown as Values}
          submit={(body) =>
            run(
              api().PATCH('/templates/{templateId}', {
                params: { path: { templateId: edited.id } },
                body: as<Schemas['UpdateTemplate']>(body),
              }),
            )
          }
          onDone={list.reload}
        />
      )}
      {versionsOf && <TemplateVersions templateId={versionsOf} />}
      <RecordForm
        label="Create template"
        fields={TEMPLATE_FIELDS}
        submit={(body) => run(api().POST('/templates', { body: as<Schemas['CreateTemplate']>(body) }))}
        onDone={list.reload}
      />
    </section>
  );
}

function TemplateVersions({ templateId }: { templateId: string }): JSX.Element {
  const versions = useLoad(
    () =>
      run(
        api().GET('/templates/{templateId}/versions', {
          params: { path: { templateId }, query: { limit: 100 } },
        }),
      ),
    [templateId],
  );
  const [preview, setPreview] = useState<Schemas['TemplatePreview']>();
  return (
    <div>
      <h3>Versions of {templateId}</h3>
      <ErrorBanner error={versions.error} />
      <ul>
        {(versions.data?.items ?? []).map((v) => (
          <li key={v.version}>
            v{v.version}{' '}
            {v.approvedAt ? `approved ${when(v.approvedAt ?? undefined)} by ${v.approvedBy}` : 'not approved'}
            : {v.subject}
          </li>
        ))}
      </ul>
      <ApiForm
        label={`Preview template ${templateId}`}
        button="Preview"
        keep
        submit={(v) =>
          run(
            api().GET('/templates/{templateId}/preview', {
              params: {
                path: { templateId },
                query: clean({ incidentId: v.str('incidentId') ?? '', version: v.num('version') }),
              },
            }),
          )
        }
        onDone={(d) => setPreview(d as Schemas['TemplatePreview'])}
      >
        {(err) => (
          <>
            <Field label="Preview with incident" error={err('incidentId')}>
              <input name="incidentId" placeholder="INC-1" />
            </Field>
            <Field label="Version (default: latest)" error={err('version')}>
              <input name="version" inputMode="numeric" size={4} />
            </Field>
          </>
        )}
      </ApiForm>
      {preview && (
        <div data-testid="template-preview">
          <p>
            v{preview.version} {preview.approved ? '(approved)' : '(not approved)'} for {preview.incidentId}
          </p>
          <p>
            <strong>{preview.subject}</strong>
          </p>
          <pre>{preview.body}</pre>
        </div>
      )}
    </div>
  );
}

const CHANNEL_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Channel id', createOnly: true },
  { name: 'name', label: 'Channel name' },
  { name: 'type', label: 'Channel type', placeholder: 'bilateral, sector, multilateral' },
  { name: 'participants', label: 'Participating organizations (comma separated)', kind: 'list' },
  { name: 'purpose', label: 'Purpose', kind: 'textarea' },
  { name: 'communicationMethods', label: 'Communication methods (comma separated)', kind: 'list' },
  { name: 'primaryMethod', label: 'Primary method' },
  { name: 'backupMethod', label: 'Backup method' },
  {
    name: 'escalationRules',
    label: 'Escalation rules (level | contact | timeframe, one a line)',
    kind: 'lines',
    columns: ['level', 'contact', 'timeframe'],
    numeric: ['level'],
    placeholder: '1 | CISO | PT1H',
  },
];

function Channels(): JSX.Element {
  const list = useLoad(() => run(api().GET('/channels', { params: { query: { limit: 100 } } })), []);
  const [editing, toggle] = useOpen();
  const items = list.data?.items ?? [];
  const edited = items.find((c) => c.id === editing);
  return (
    <section>
      <h2>Coordination channels</h2>
      <ErrorBanner error={list.error} />
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>Type</th>
            <th>Participants</th>
            <th>Methods</th>
            <th>Escalation</th>
            <th>Edit</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>{c.id}</td>
              <td>{c.name}</td>
              <td>{c.type}</td>
              <td>{(c.participants ?? []).join(', ')}</td>
              <td>
                {c.primaryMethod}
                {c.backupMethod ? ` (backup ${c.backupMethod})` : ''}
              </td>
              <td>
                {(c.escalationRules ?? [])
                  .map((r) => `${r.level}: ${r.contact} after ${r.timeframe}`)
                  .join('; ')}
              </td>
              <td>
                <button type="button" aria-expanded={editing === c.id} onClick={() => toggle(c.id)}>
                  Edit {c.id}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {edited && (
        <RecordForm
          key={`${edited.id}-${edited.version}`}
          label={`Edit channel ${edited.id}`}
          button="Save channel"
          fields={CHANNEL_FIELDS}
          initial={edited as unknown as Values}
          submit={(body) =>
            run(
              api().PATCH('/channels/{channelId}', {
                params: { path: { channelId: edited.id } },
                body: as<Schemas['UpdateChannel']>(body),
              }),
            )
          }
          onDone={list.reload}
        />
      )}
      <RecordForm
        label="Create channel"
        fields={CHANNEL_FIELDS}
        submit={(body) => run(api().POST('/channels', { body: as<Schemas['CreateChannel']>(body) }))}
        onDone={list.reload}
      />
    </section>
  );
}

const POLICY_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Policy id', createOnly: true },
  { name: 'name', label: 'Policy name' },
  { name: 'description', label: 'Policy description', kind: 'textarea' },
  {
    name: 'levels',
    label:
      'Levels (JSON: [{"level": 1, "contacts": […], "groups": […], "organizations": […], "timeframe": "PT30M"}])',
    kind: 'json',
  },
  {
    name: 'autoStart',
    label: 'Start automatically (JSON: {"minPriority": "high"})',
    kind: 'json',
    nullable: true,
  },
];

const TRIGGER_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Trigger id', createOnly: true },
  { name: 'name', label: 'Trigger name' },
  {
    name: 'when',
    label:
      'When (JSON: priorityAtLeast, dataCompromisedIncludes, regulatoryImpactAtLeast, thirdPartiesAffectedMoreThan, actionOverdue)',
    kind: 'json',
  },
  {
    name: 'notify',
    label: 'Notify (JSON: {"contacts": […], "organizations": […], "groups": […]})',
    kind: 'json',
  },
  { name: 'template', label: 'Notice template id', nullable: true },
  { name: 'startChain', label: 'Start a chain on policy id', nullable: true },
  { name: 'enabled', label: 'Enabled', kind: 'bool' },
];

function Escalation(): JSX.Element {
  const policies = useLoad(
    () => run(api().GET('/escalation-policies', { params: { query: { limit: 100 } } })),
    [],
  );
  const triggers = useLoad(
    () => run(api().GET('/escalation-triggers', { params: { query: { limit: 100 } } })),
    [],
  );
  const [editingPolicy, togglePolicy] = useOpen();
  const [editingTrigger, toggleTrigger] = useOpen();
  const policy = (policies.data?.items ?? []).find((p) => p.id === editingPolicy);
  const trigger = (triggers.data?.items ?? []).find((t) => t.id === editingTrigger);
  return (
    <section>
      <h2>Escalation policies</h2>
      <ErrorBanner error={policies.error} />
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>Levels</th>
            <th>Auto start</th>
            <th>Edit</th>
          </tr>
        </thead>
        <tbody>
          {(policies.data?.items ?? []).map((p) => (
            <tr key={p.id}>
              <td>{p.id}</td>
              <td>{p.name}</td>
              <td>
                {p.levels
                  .map(
                    (l) =>
                      `${l.level}: ${[...(l.contacts ?? []), ...(l.groups ?? []), ...(l.organizations ?? [])].join(', ')} after ${l.timeframe}`,
                  )
                  .join('; ')}
              </td>
              <td>{p.autoStart ? `from ${p.autoStart.minPriority}` : '—'}</td>
              <td>
                <button
                  type="button"
                  aria-expanded={editingPolicy === p.id}
                  onClick={() => togglePolicy(p.id)}
                >
                  Edit {p.id}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {policy && (
        <RecordForm
          key={`${policy.id}-${policy.version}`}
          label={`Edit policy ${policy.id}`}
          button="Save policy"
          fields={POLICY_FIELDS}
          initial={policy as unknown as Values}
          submit={(body) =>
            run(
              api().PATCH('/escalation-policies/{policyId}', {
                params: { path: { policyId: policy.id } },
                body: as<Schemas['UpdateEscalationPolicy']>(body),
              }),
            )
          }
          onDone={policies.reload}
        />
      )}
      <RecordForm
        label="Create escalation policy"
        fields={POLICY_FIELDS}
        submit={(body) =>
          run(api().POST('/escalation-policies', { body: as<Schemas['CreateEscalationPolicy']>(body) }))
        }
        onDone={policies.reload}
      />
      <h2>Escalation triggers</h2>
      <ErrorBanner error={triggers.error} />
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>When</th>
            <th>Notify</th>
            <th>Enabled</th>
            <th>Edit</th>
          </tr>
        </thead>
        <tbody>
          {(triggers.data?.items ?? []).map((t) => (
            <tr key={t.id}>
              <td>{t.id}</td>
              <td>{t.name}</td>
              <td>
                <code>{JSON.stringify(t.when)}</code>
              </td>
              <td>
                {[
                  ...(t.notify.contacts ?? []),
                  ...(t.notify.organizations ?? []),
                  ...(t.notify.groups ?? []),
                ].join(', ')}
                {t.startChain ? ` · chain ${t.startChain}` : ''}
              </td>
              <td>{t.enabled ? 'yes' : 'no'}</td>
              <td>
                <button
                  type="button"
                  aria-expanded={editingTrigger === t.id}
                  onClick={() => toggleTrigger(t.id)}
                >
                  Edit {t.id}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {trigger && (
        <RecordForm
          key={`${trigger.id}-${trigger.version}`}
          label={`Edit trigger ${trigger.id}`}
          button="Save trigger"
          fields={TRIGGER_FIELDS}
          initial={trigger as unknown as Values}
          submit={(body) =>
            run(
              api().PATCH('/escalation-triggers/{triggerId}', {
                params: { path: { triggerId: trigger.id } },
                body: as<Schemas['UpdateEscalationTrigger']>(body),
              }),
            )
          }
          onDone={triggers.reload}
        />
      )}
      <RecordForm
        label="Create escalation trigger"
        fields={TRIGGER_FIELDS}
        submit={(body) =>
          run(api().POST('/escalation-triggers', { body: as<Schemas['CreateEscalationTrigger']>(body) }))
        }
        onDone={triggers.reload}
      />
    </section>
  );
}

function Health(): JSX.Element {
  const health = useLoad(() => run(api().GET('/directory/health')), []);
  const h = health.data;
  return (
    <section>
      <h2>Directory health</h2>
      <ErrorBanner error={health.error} />
      {h && (
        <>
          <p>
            As of {when(h.asOf ?? undefined)}: {h.total.verified} verified, {h.total.pending} pending,{' '}
            {h.total.stale} stale contacts.
          </p>
          <table>
            <thead>
              <tr>
                <th>Organization</th>
                <th>Verified</th>
                <th>Pending</th>
                <th>Stale</th>
              </tr>
            </thead>
            <tbody>
              {h.byOrganization.map((o) => (
                <tr key={o.organizationId}>
                  <td>
                    {o.name} ({o.organizationId})
                  </td>
                  <td>{o.verified}</td>
                  <td>{o.pending}</td>
                  <td>{o.stale}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Organizations without a verified primary contact</h3>
          <ul>
            {h.organizationsWithoutVerifiedPrimary.length === 0 && <li>None.</li>}
            {h.organizationsWithoutVerifiedPrimary.map((o) => (
              <li key={o.organizationId}>
                {o.name} ({o.organizationId})
              </li>
            ))}
          </ul>
          <h3>Agreements expiring within 30 days</h3>
          <ul>
            {h.expiringAgreements.length === 0 && <li>None.</li>}
            {h.expiringAgreements.map((a) => (
              <li key={a.agreementId}>
                {a.organizationId} {a.agreementId} ({a.type}) expires {when(a.expiresAt)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** One response action a line: `action | responsible organization | timeframe`. */
function responseActions(text: string | undefined): Schemas['PlaybookResponseAction'][] {
  return (text ?? '')
    .split('\n')
    .map((l) => l.split('|').map((s) => s.trim()))
    .filter((p) => p[0])
    .map(([action = '', responsible = '', timeframe = '']) => ({ action, responsible, timeframe }));
}

function Playbooks(): JSX.Element {
  const list = useLoad(() => run(api().GET('/playbooks', { params: { query: { limit: 100 } } })), []);
  return (
    <section>
      <h2>Playbooks</h2>
      <ErrorBanner error={list.error} />
      <ul>
        {(list.data?.items ?? []).map((p) => (
          <li key={p.id}>
            {p.id} {p.name} (v{p.version}, {p.incidentType}):{' '}
            {(p.participatingOrganizations ?? []).join(', ')}
          </li>
        ))}
      </ul>
      <ApiForm
        label="Create playbook"
        submit={(v) => {
          const actions = responseActions(v.str('responseActions'));
          const orgs = v.list('participatingOrganizations') ?? [];
          return run(
            api().POST('/playbooks', {
              body: clean({
                id: v.str('id'),
                name: v.str('name') ?? '',
                incidentType: v.str('incidentType') ?? '',
                participatingOrganizations: orgs,
                rolesResponsibilities: Object.fromEntries(orgs.map((o) => [o, ['participant']])),
                communicationProtocols: { primary: v.str('primary') ?? 'secure_email' },
                escalationProcedures: [v.str('escalationProcedures') ?? 'Escalate per the channel rules'],
                responseActions: actions,
              }) as Schemas['CreatePlaybook'],
            }),
          );
        }}
        onDone={list.reload}
      >
        {(err) => (
          <>
            <Field label="Playbook id" error={err('id')}>
              <input name="id" />
            </Field>
            <Field label="Playbook name" error={err('name')}>
              <input name="name" />
            </Field>
            <Field label="Incident type" error={err('incidentType')}>
              <input name="incidentType" defaultValue="data_breach" />
            </Field>
            <Field label="Participating organizations" error={err('participatingOrganizations')}>
              <input name="participatingOrganizations" />
            </Field>
            <Field
              label="Response actions (action | responsible | timeframe, one a line)"
              error={err('responseActions')}
            >
              <textarea name="responseActions" rows={3} cols={50} />
            </Field>
            <Field label="Escalation procedure" error={err('escalationProcedures')}>
              <input name="escalationProcedures" />
            </Field>
          </>
        )}
      </ApiForm>
    </section>
  );
}
