/**
 * The directory: organizations, contacts (channels, alternates, verification state), agreements with
 * TLP ceilings, templates with approval, coordination channels, playbooks, escalation policies and triggers.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../api/client';
import type { PageProps } from '../main';
import { ApiForm, clean, ErrorBanner, Field, run, Select, TlpMark, useLoad, when } from '../ui';

const TABS = ['organizations', 'contacts', 'templates', 'channels', 'playbooks', 'escalation'] as const;
type Tab = (typeof TABS)[number];

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
      </div>
    </>
  );
}

function Organizations(): JSX.Element {
  const list = useLoad(() => run(api().GET('/organizations', { params: { query: { limit: 100 } } })), []);
  const [open, setOpen] = useState<string>();
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
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((o) => (
            <tr key={o.id}>
              <td>{o.id}</td>
              <td>{o.name}</td>
              <td>{o.kind}</td>
              <td>
                <button type="button" onClick={() => setOpen(o.id)}>
                  Agreements of {o.id}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <Agreements org={open} />}
      <ApiForm
        label="Add organization"
        submit={(v) =>
          run(
            api().POST('/organizations', {
              body: clean({
                id: v.str('id'),
                name: v.str('name') ?? '',
                kind: (v.str('kind') ?? 'partner') as 'partner',
              }),
            }),
          )
        }
        onDone={list.reload}
      >
        {(err) => (
          <>
            <Field label="Organization id" error={err('id')}>
              <input name="id" />
            </Field>
            <Field label="Organization name" error={err('name')}>
              <input name="name" />
            </Field>
            <Field label="Kind" error={err('kind')}>
              <Select
                name="kind"
                options={['regulator', 'law_enforcement', 'isac', 'cert', 'customer', 'partner', 'internal']}
              />
            </Field>
          </>
        )}
      </ApiForm>
    </section>
  );
}

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
  const items = (list.data as { items?: Schemas['Agreement'][] } | undefined)?.items ?? [];
  return (
    <div>
      <h3>Sharing agreements of {org}</h3>
      <ErrorBanner error={list.error} />
      <ul>
        {items.map((a) => (
          <li key={a.id}>
            {a.id} {a.type} ceiling <TlpMark tlp={a.tlpCeiling} /> {a.status} expires{' '}
            {when(a.expiresAt ?? undefined)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Contacts(): JSX.Element {
  const list = useLoad(() => run(api().GET('/contacts', { params: { query: { limit: 100 } } })), []);
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
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((c) => (
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
            </tr>
          ))}
        </tbody>
      </table>
      <ApiForm
        label="Add contact"
        submit={(v) =>
          run(
            api().POST('/contacts', {
              body: clean({
                id: v.str('id'),
                organizationId: v.str('organizationId') ?? '',
                name: v.str('name') ?? '',
                stakeholderGroup: (v.str('stakeholderGroup') ?? 'technical') as 'technical',
                channels: [{ type: 'email', address: v.str('email') ?? '', priority: 'primary' }],
              }) as Schemas['CreateContact'],
            }),
          )
        }
        onDone={list.reload}
      >
        {(err) => (
          <>
            <Field label="Contact id" error={err('id')}>
              <input name="id" />
            </Field>
            <Field label="Contact organization" error={err('organizationId')}>
              <input name="organizationId" />
            </Field>
            <Field label="Contact name" error={err('name')}>
              <input name="name" />
            </Field>
            <Field label="Stakeholder group" error={err('stakeholderGroup')}>
              <input name="stakeholderGroup" value="technical" />
            </Field>
            <Field label="Email" error={err('channels')}>
              <input name="email" type="email" />
            </Field>
          </>
        )}
      </ApiForm>
    </section>
  );
}

function Templates(): JSX.Element {
  const list = useLoad(() => run(api().GET('/templates', { params: { query: { limit: 100 } } })), []);
  const [error, setError] = useState<Schemas['Error']>();
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
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((t) => (
            <tr key={t.id}>
              <td>{t.id}</td>
              <td>{t.name}</td>
              <td>{t.audience}</td>
              <td>
                <TlpMark tlp={t.maxTlp} />
              </td>
              <td>
                latest {t.latestVersion}, approved {t.approvedVersion ?? '—'}
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
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Channels(): JSX.Element {
  const list = useLoad(() => run(api().GET('/channels', { params: { query: { limit: 100 } } })), []);
  return (
    <section>
      <h2>Coordination channels</h2>
      <ErrorBanner error={list.error} />
      <pre>{JSON.stringify(list.data?.items ?? [], null, 1)}</pre>
    </section>
  );
}

function Escalation(): JSX.Element {
  const policies = useLoad(
    () => run(api().GET('/escalation-policies', { params: { query: { limit: 100 } } })),
    [],
  );
  const triggers = useLoad(
    () => run(api().GET('/escalation-triggers', { params: { query: { limit: 100 } } })),
    [],
  );
  return (
    <section>
      <h2>Escalation policies</h2>
      <ErrorBanner error={policies.error} />
      <pre>{JSON.stringify(policies.data?.items ?? [], null, 1)}</pre>
      <h2>Escalation triggers</h2>
      <ErrorBanner error={triggers.error} />
      <pre>{JSON.stringify(triggers.data?.items ?? [], null, 1)}</pre>
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
              <input name="incidentType" value="data_breach" />
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
