/**
 * Sharing (docs/sharing.md): TAXII collections (create, edit, delete) with their TLP ceilings, and
 * the sharing ledger of an organization ("who did we tell what, and when"), as a table or CSV.
 * An incident's indicators, sightings, STIX export and ledger are on the incident page
 * (`Indicators` below, used there).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type RequestBody, type Schemas } from '../api/client';
import type { PageProps } from '../main';
import { type FieldSpec, RecordForm } from '../record-form';
import { ApiForm, ErrorBanner, Field, run, saveFile, TLPS, TlpMark, useLoad, useOpen, when } from '../ui';

const COLLECTION_FIELDS: FieldSpec[] = [
  { name: 'title', label: 'Collection title' },
  { name: 'description', label: 'Collection description', kind: 'textarea' },
  { name: 'organizationIds', label: 'Member organizations (comma separated)', kind: 'list' },
  { name: 'tlpCeiling', label: 'Collection TLP ceiling', kind: 'select', options: TLPS },
  { name: 'agreement', label: 'Sharing agreement (reference)' },
  { name: 'incidentIds', label: 'Incidents shared (comma separated)', kind: 'list' },
];

export default function Sharing(_: PageProps): JSX.Element {
  const list = useLoad(() => run(api().GET('/sharing/collections')), []);
  const [editing, toggle] = useOpen();
  const [error, setError] = useState<Schemas['Error']>();
  const items = (list.data as { items?: Schemas['SharingCollection'][] } | undefined)?.items ?? [];
  const edited = items.find((c) => c.id === editing);
  return (
    <>
      <h1>Sharing</h1>
      <p>
        TAXII 2.1 collections serve the incidents' indicators, sightings, notes and courses of action as STIX
        2.1 to their member organizations (discovery at <code>/taxii2/</code>), each object at or below the
        collection's TLP ceiling.
      </p>
      <ErrorBanner error={list.error ?? error} />
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Title</th>
            <th>Members</th>
            <th>Ceiling</th>
            <th>Incidents</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={6}>None.</td>
            </tr>
          )}
          {items.map((c) => (
            <tr key={c.id}>
              <td>{c.id}</td>
              <td>{c.title}</td>
              <td>{c.organizationIds.join(', ')}</td>
              <td>
                <TlpMark tlp={c.tlpCeiling} />
              </td>
              <td>{c.incidentIds.join(', ')}</td>
              <td>
                <button type="button" onClick={() => toggle(c.id)}>
                  Edit {c.id}
                </button>{' '}
                <button
                  type="button"
                  onClick={async () => {
                    if (!window.confirm(`Delete collection ${c.id}? Its readers lose access.`)) return;
                    const r = await run(
                      api().DELETE('/sharing/collections/{collectionId}', {
                        params: { path: { collectionId: c.id } },
                        body: {},
                      }),
                    );
                    setError(r.ok ? undefined : r.error);
                    list.reload();
                  }}
                >
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
          label={`Edit collection ${edited.id}`}
          button="Save collection"
          fields={COLLECTION_FIELDS}
          initial={edited as unknown as Record<string, unknown>}
          submit={(body) =>
            run(
              api().PATCH('/sharing/collections/{collectionId}', {
                params: { path: { collectionId: edited.id } },
                body: body as RequestBody<'/sharing/collections/{collectionId}', 'patch'>,
              }),
            )
          }
          onDone={list.reload}
        />
      )}
      <RecordForm
        label="Create collection"
        fields={COLLECTION_FIELDS}
        submit={(body) =>
          run(
            api().POST('/sharing/collections', {
              body: {
                incidentIds: [] as string[],
                ...(body as Partial<RequestBody<'/sharing/collections', 'post'>>),
              } as RequestBody<'/sharing/collections', 'post'>,
            }),
          )
        }
        onDone={list.reload}
      />
      <OrganizationLedger />
    </>
  );
}

function OrganizationLedger(): JSX.Element {
  const [org, setOrg] = useState<string>();
  return (
    <section aria-labelledby="ledger-h">
      <h2 id="ledger-h">Sharing ledger of an organization</h2>
      <form
        aria-label="Show ledger"
        onSubmit={(e) => {
          e.preventDefault();
          const v = new FormData(e.currentTarget as HTMLFormElement).get('organizationId');
          setOrg(typeof v === 'string' && v.trim() ? v.trim() : undefined);
        }}
      >
        <Field label="Organization id">
          <input name="organizationId" />
        </Field>{' '}
        <button type="submit">Show ledger</button>
      </form>
      {org && <Ledger key={org} organizationId={org} />}
    </section>
  );
}

type LedgerEntry = Schemas['LedgerEntry'];

/** Ledger entries of an incident or an organization: what left, to whom, when, at which TLP, by whom. */
export function Ledger(props: { incidentId?: string; organizationId?: string }): JSX.Element {
  const list = useLoad(
    () =>
      props.incidentId
        ? run(
            api().GET('/incidents/{incidentId}/sharing-ledger', {
              params: { path: { incidentId: props.incidentId }, query: { limit: 100 } },
            }),
          )
        : run(
            api().GET('/organizations/{organizationId}/sharing-ledger', {
              params: { path: { organizationId: props.organizationId ?? '' }, query: { limit: 100 } },
            }),
          ),
    [props.incidentId, props.organizationId],
  );
  const items = (list.data as { items?: LedgerEntry[] } | undefined)?.items ?? [];
  const [csvError, setCsvError] = useState<Schemas['Error']>();
  const csv = async (): Promise<void> => {
    const r = props.incidentId
      ? await api().GET('/incidents/{incidentId}/sharing-ledger', {
          params: { path: { incidentId: props.incidentId }, query: { format: 'csv', limit: 100 } },
          parseAs: 'text',
        })
      : await api().GET('/organizations/{organizationId}/sharing-ledger', {
          params: {
            path: { organizationId: props.organizationId ?? '' },
            query: { format: 'csv', limit: 100 },
          },
          parseAs: 'text',
        });
    if (!r.response.ok) {
      setCsvError({ error: { code: 'ERROR', message: `HTTP ${r.response.status}`, details: [] } });
      return;
    }
    saveFile(`sharing-ledger-${props.incidentId ?? props.organizationId}.csv`, String(r.data), 'text/csv');
  };
  return (
    <div>
      <ErrorBanner error={list.error ?? csvError} />
      <table data-testid="ledger">
        <thead>
          <tr>
            <th>When</th>
            <th>Channel</th>
            <th>To</th>
            <th>What</th>
            <th>TLP</th>
            <th>By</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={6}>None.</td>
            </tr>
          )}
          {items.map((e) => (
            <tr key={e.entryId}>
              <td>{when(e.at)}</td>
              <td>{e.channel}</td>
              <td>{e.recipient}</td>
              <td>
                {e.incidentId ? `${e.incidentId}: ` : ''}
                {e.objects.length} object{e.objects.length === 1 ? '' : 's'}
              </td>
              <td>
                <TlpMark tlp={e.tlp} />
              </td>
              <td>{e.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => void csv()}>
        Download ledger (CSV)
      </button>
    </div>
  );
}

const INDICATOR_TYPES = [
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'md5',
  'sha1',
  'sha256',
  'email-addr',
] as const;

/** The incident page's indicators, sightings, STIX export and ledger. */
export function Indicators({ incidentId }: { incidentId: string }): JSX.Element {
  const p = { params: { path: { incidentId } } };
  const list = useLoad(() => run(api().GET('/incidents/{incidentId}/indicators', p)), [incidentId]);
  const items = (list.data as { items?: Schemas['Indicator'][] } | undefined)?.items ?? [];
  const [error, setError] = useState<Schemas['Error']>();
  const exportStix = async (organization: string | undefined): Promise<void> => {
    const r = await api().GET('/incidents/{incidentId}/stix', {
      params: { path: { incidentId }, query: organization ? { organization } : {} },
      parseAs: 'text',
    });
    if (!r.response.ok) {
      setError({ error: { code: 'ERROR', message: `STIX export: HTTP ${r.response.status}`, details: [] } });
      return;
    }
    setError(undefined);
    saveFile(
      `${incidentId}${organization ? `-${organization}` : ''}.stix.json`,
      String(r.data),
      'application/stix+json',
    );
  };
  return (
    <section aria-labelledby="ioc-h">
      <h2 id="ioc-h">Indicators and sharing</h2>
      <ErrorBanner error={list.error ?? error} />
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Type</th>
            <th>Value</th>
            <th>TLP</th>
            <th>Sightings</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={5}>None.</td>
            </tr>
          )}
          {items.map((i) => (
            <tr key={i.indicatorId}>
              <td>{i.indicatorId}</td>
              <td>{i.type}</td>
              <td>
                <code>{i.value}</code>
              </td>
              <td>
                <TlpMark tlp={i.tlp} />
              </td>
              <td>{(i.sightings ?? []).length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <RecordForm
        label="Record indicator"
        fields={[
          { name: 'type', label: 'Indicator type', kind: 'select', options: INDICATOR_TYPES },
          { name: 'value', label: 'Value (address, domain, URL, hash, e-mail)' },
          { name: 'name', label: 'Indicator name' },
          {
            name: 'pattern',
            label: 'STIX pattern (optional)',
            placeholder: "[domain-name:value = 'bad.example']",
          },
          { name: 'tlp', label: 'Indicator TLP (default: the incident’s)', kind: 'select', options: TLPS },
        ]}
        submit={(body) =>
          run(
            api().POST('/incidents/{incidentId}/indicators', {
              ...p,
              body: body as RequestBody<'/incidents/{incidentId}/indicators', 'post'>,
            }),
          )
        }
        onDone={list.reload}
      />
      {items.length > 0 && (
        <ApiForm
          label="Record sighting"
          submit={(v) =>
            run(
              api().POST('/incidents/{incidentId}/indicators/{indicatorId}/sightings', {
                params: { path: { incidentId, indicatorId: v.str('indicatorId') ?? '' } },
                body: {
                  firstSeen: v.date('firstSeen') ?? new Date().toISOString(),
                  ...(v.num('count') !== undefined ? { count: v.num('count') as number } : {}),
                  ...(v.str('organizationId') ? { organizationId: v.str('organizationId') as string } : {}),
                },
              }),
            )
          }
          onDone={list.reload}
        >
          {(err) => (
            <>
              <Field label="Sighted indicator" error={err('indicatorId')}>
                <select name="indicatorId">
                  {items.map((i) => (
                    <option key={i.indicatorId} value={i.indicatorId}>
                      {i.indicatorId} {i.value}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="First seen" error={err('firstSeen')}>
                <input name="firstSeen" type="datetime-local" />
              </Field>
              <Field label="Times seen" error={err('count')}>
                <input name="count" inputMode="numeric" size={5} />
              </Field>
              <Field label="Seen by organization" error={err('organizationId')}>
                <input name="organizationId" />
              </Field>
            </>
          )}
        </ApiForm>
      )}
      <form
        aria-label="Export STIX bundle"
        onSubmit={(e) => {
          e.preventDefault();
          const v = new FormData(e.currentTarget as HTMLFormElement).get('organization');
          void exportStix(typeof v === 'string' && v.trim() ? v.trim() : undefined);
        }}
      >
        <Field label="For organization (its ceiling applies; empty: everything)">
          <input name="organization" />
        </Field>{' '}
        <button type="submit">Export STIX 2.1 bundle</button>
      </form>
      <h3>Sharing ledger of this incident</h3>
      <Ledger incidentId={incidentId} />
    </section>
  );
}
