/**
 * The incident page's evidence, holds and follow-up sections: the evidence register (register a
 * file — its SHA-256 computed in the browser — and upload it with the presigned PUT, confirm, download,
 * transfer custody, the custody history), legal and disclosure holds, contractual SLAs measured on the
 * incident with agreement updates, and the joint post-incident review.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { AgreementUpdateList } from '../agreement-updates';
import { api, type Schemas } from '../api/client';
import { ENUMS } from '../enums';
import { type FieldSpec, RecordForm } from '../record-form';
import {
  ApiForm,
  clean,
  ErrorBanner,
  Field,
  run,
  Select,
  TLPS,
  TlpMark,
  useLoad,
  useOpen,
  when,
} from '../ui';

type Values = Record<string, unknown>;
const EVIDENCE_TYPES = [
  'file',
  'log',
  'disk_image',
  'memory_image',
  'network_capture',
  'email',
  'document',
  'screenshot',
  'other',
] as const;
const AUDIENCES = ['partners', 'regulators', 'law_enforcement', 'customers', 'media', 'public'] as const;
const TOPICS = ENUMS.agreementTopic;

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The presigned request, as the browser sends it (the URL and headers the API signed). */
async function sendPresigned(req: Schemas['PresignedRequest'], body?: Blob): Promise<Response> {
  return fetch(req.url, { method: req.method, headers: req.headers, ...(body ? { body } : {}) });
}

export function Evidence({ incidentId }: { incidentId: string }): JSX.Element {
  const p = { params: { path: { incidentId } } };
  const list = useLoad(
    () =>
      run(
        api().GET('/incidents/{incidentId}/evidence', {
          params: { path: { incidentId }, query: { limit: 100 } },
        }),
      ),
    [incidentId],
  );
  const [open, toggle] = useOpen();
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<Schemas['Error']>();
  const items = list.data?.items ?? [];
  const register = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) {
      return run(
        Promise.resolve({
          error: {
            error: {
              code: 'VALIDATION_FAILED',
              message: 'Choose the file to register',
              details: [{ field: 'body.fileName', message: 'choose a file' }],
            },
          },
          response: new Response(null, { status: 400 }),
        }),
      );
    }
    const s = (k: string) => {
      const v = data.get(k);
      return typeof v === 'string' && v.trim() ? v.trim() : undefined;
    };
    const r = await run(
      api().POST('/incidents/{incidentId}/evidence', {
        ...p,
        body: clean({
          description: s('description') ?? '',
          type: (s('type') ?? 'file') as 'file',
          source: s('source') ?? '',
          collectedBy: s('collectedBy'),
          collectedAt: s('collectedAt')
            ? new Date(s('collectedAt') as string).toISOString()
            : new Date().toISOString(),
          fileName: file.name,
          contentType: file.type || 'application/octet-stream',
          sha256: await sha256Hex(file),
          size: file.size,
        }) as Schemas['RegisterEvidence'],
      }),
    );
    if (!r.ok) return r;
    const id = r.data.evidence.evidenceId;
    const put = await sendPresigned(r.data.upload, file).catch(() => undefined);
    if (!put?.ok) {
      setNote(
        `${id} is registered; the upload to storage failed (${put ? `HTTP ${put.status}` : 'not reachable from the browser'}). Upload it with: curl -X PUT ${Object.entries(
          r.data.upload.headers,
        )
          .map(([k, v]) => `-H '${k}: ${v}'`)
          .join(' ')} --data-binary @${file.name} '${r.data.upload.url}', then Confirm.`,
      );
      return r;
    }
    const confirmed = await run(
      api().POST('/incidents/{incidentId}/evidence/{evidenceId}/confirm', {
        params: { path: { incidentId, evidenceId: id } },
        body: {},
      }),
    );
    setNote(
      confirmed.ok ? `${id} uploaded and confirmed (SHA-256 checked by storage and by Liaison).` : undefined,
    );
    setError(confirmed.ok ? undefined : confirmed.error);
    return r;
  };
  return (
    <section aria-labelledby="evidence-h">
      <h2 id="evidence-h">Evidence</h2>
      <ErrorBanner error={list.error ?? error} />
      {note && (
        <p role="status" data-testid="evidence-note">
          {note}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Description</th>
            <th>File</th>
            <th>SHA-256</th>
            <th>Status</th>
            <th>Custodian</th>
            <th>Open</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={7}>None.</td>
            </tr>
          )}
          {items.map((e) => (
            <tr key={e.evidenceId}>
              <td>{e.evidenceId}</td>
              <td>{e.description}</td>
              <td>
                {e.fileName} ({e.size} bytes)
              </td>
              <td>
                <code>{e.sha256.slice(0, 12)}…</code>
              </td>
              <td data-testid={`evidence-status-${e.evidenceId}`}>{e.status}</td>
              <td>{e.custodian}</td>
              <td>
                <button
                  type="button"
                  aria-expanded={open === e.evidenceId}
                  onClick={() => toggle(e.evidenceId)}
                >
                  Open {e.evidenceId}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && (
        <EvidenceItem
          key={open}
          incidentId={incidentId}
          evidenceId={open}
          onChange={() => {
            list.reload();
          }}
        />
      )}
      <ApiForm label="Register evidence" submit={(v) => register(v.form)} onDone={list.reload}>
        {(err) => (
          <>
            <Field label="Evidence file" error={err('fileName')}>
              <input name="file" type="file" />
            </Field>
            <Field label="Evidence description" error={err('description')}>
              <input name="description" size={40} />
            </Field>
            <Field label="Evidence type" error={err('type')}>
              <Select name="type" options={EVIDENCE_TYPES} value="file" />
            </Field>
            <Field label="Source (where it came from)" error={err('source')}>
              <input name="source" size={30} />
            </Field>
            <Field label="Collected by" error={err('collectedBy')}>
              <input name="collectedBy" />
            </Field>
            <Field label="Collected at (default now)" error={err('collectedAt')}>
              <input name="collectedAt" type="datetime-local" />
            </Field>
          </>
        )}
      </ApiForm>
    </section>
  );
}

function EvidenceItem(props: { incidentId: string; evidenceId: string; onChange: () => void }): JSX.Element {
  const path = { params: { path: { incidentId: props.incidentId, evidenceId: props.evidenceId } } };
  const item = useLoad(
    () => run(api().GET('/incidents/{incidentId}/evidence/{evidenceId}', path)),
    [props.evidenceId],
  );
  const [error, setError] = useState<Schemas['Error']>();
  const changed = () => {
    item.reload();
    props.onChange();
  };
  const e = item.data;
  return (
    <div data-testid={`evidence-${props.evidenceId}`}>
      <h3>
        {props.evidenceId}: {e?.description}
      </h3>
      <ErrorBanner error={item.error ?? error} />
      {e && (
        <p>
          SHA-256 <code>{e.sha256}</code> · stored {e.storage?.key}
          {e.storage?.versionId ? ` (version ${e.storage.versionId})` : ''}
        </p>
      )}
      <h4>Custody</h4>
      <ol>
        {(item.data?.custody ?? []).map((c) => (
          <li key={c.seq}>
            {when(c.at)} <code>{c.kind}</code> by {c.by}
            {c.from ? ` from ${c.from}` : ''}
            {c.to ? ` to ${c.to}` : ''}
            {c.reason ? `: ${c.reason}` : ''}
          </li>
        ))}
      </ol>
      {e?.status === 'pending_upload' && (
        <button
          type="button"
          onClick={async () => {
            const r = await run(
              api().POST('/incidents/{incidentId}/evidence/{evidenceId}/confirm', { ...path, body: {} }),
            );
            setError(r.ok ? undefined : r.error);
            changed();
          }}
        >
          Confirm upload of {props.evidenceId}
        </button>
      )}
      {e?.status === 'confirmed' && (
        <ApiForm
          label={`Download ${props.evidenceId}`}
          button="Download"
          submit={async (v) => {
            const r = await run(
              api().POST('/incidents/{incidentId}/evidence/{evidenceId}/download', {
                ...path,
                body: clean({ reason: v.str('reason') }),
              }),
            );
            if (r.ok) window.open(r.data.download.url, '_blank', 'noopener');
            return r;
          }}
          onDone={changed}
        >
          {(err) => (
            <Field label="Reason for the download" error={err('reason')}>
              <input name="reason" size={30} />
            </Field>
          )}
        </ApiForm>
      )}
      <RecordForm
        label={`Transfer custody of ${props.evidenceId}`}
        button="Transfer custody"
        fields={[
          { name: 'to', label: 'To (person or organization)' },
          { name: 'reason', label: 'Why' },
        ]}
        submit={(body) =>
          run(
            api().POST('/incidents/{incidentId}/evidence/{evidenceId}/transfers', {
              ...path,
              body: body as Schemas['TransferCustody'],
            }),
          )
        }
        onDone={changed}
      />
      <RecordForm
        label={`Delete ${props.evidenceId}`}
        button="Delete evidence"
        fields={[{ name: 'reason', label: 'Reason for deleting' }]}
        submit={(body) =>
          run(
            api().DELETE('/incidents/{incidentId}/evidence/{evidenceId}', {
              ...path,
              body: body as Schemas['DeleteEvidence'],
            }),
          )
        }
        onDone={changed}
      />
    </div>
  );
}

export function Holds({ incidentId }: { incidentId: string }): JSX.Element {
  const p = { params: { path: { incidentId } } };
  const list = useLoad(() => run(api().GET('/incidents/{incidentId}/holds', p)), [incidentId]);
  const [error, setError] = useState<Schemas['Error']>();
  return (
    <section aria-labelledby="holds-h">
      <h2 id="holds-h">Legal and disclosure holds</h2>
      <ErrorBanner error={list.error ?? error} />
      <ul>
        {(list.data?.items ?? []).length === 0 && <li>None.</li>}
        {(list.data?.items ?? []).map((h) => (
          <li key={h.holdId} data-testid={`hold-${h.holdId}`}>
            {h.holdId} <strong>{h.kind}</strong> {h.status}
            {h.evidenceId ? ` on ${h.evidenceId}` : ' on the incident'}
            {h.audiences?.length ? ` (holds back: ${h.audiences.join(', ')})` : ''}: {h.reason}
            {h.requestedBy ? `, requested by ${h.requestedBy}` : ''} — placed {when(h.placedAt)} by{' '}
            {h.placedBy}
            {h.status === 'active' && (
              <ApiForm
                label={`Release ${h.holdId}`}
                button={`Release ${h.holdId}`}
                submit={(v) =>
                  run(
                    api().POST('/incidents/{incidentId}/holds/{holdId}/release', {
                      params: { path: { incidentId, holdId: h.holdId } },
                      body: { reason: v.str('reason') ?? '' },
                    }),
                  )
                }
                onDone={() => {
                  setError(undefined);
                  list.reload();
                }}
              >
                {(err) => (
                  <Field label={`Reason for releasing ${h.holdId}`} error={err('reason')}>
                    <input name="reason" />
                  </Field>
                )}
              </ApiForm>
            )}
          </li>
        ))}
      </ul>
      <RecordForm
        label="Place hold"
        fields={[
          { name: 'kind', label: 'Hold kind', kind: 'select', options: ['legal', 'disclosure'] },
          { name: 'reason', label: 'Hold reason' },
          { name: 'requestedBy', label: 'Requested by (e.g. prosecutor, case number)' },
          { name: 'evidenceId', label: 'Evidence item (legal hold; empty: the whole incident)' },
          {
            name: 'audiences',
            label: `Audiences held back (disclosure hold; comma separated: ${AUDIENCES.join(', ')})`,
            kind: 'list',
          },
        ]}
        submit={(body: Values) =>
          run(api().POST('/incidents/{incidentId}/holds', { ...p, body: body as Schemas['PlaceHold'] }))
        }
        onDone={list.reload}
      />
    </section>
  );
}

const UPDATE_FIELDS: FieldSpec[] = [
  { name: 'organizationId', label: 'Third party or organization' },
  { name: 'agreementId', label: 'Sharing agreement (optional)' },
  { name: 'topic', label: 'Topic', kind: 'select', options: TOPICS },
  { name: 'proposedChange', label: 'Proposed change', kind: 'textarea' },
  { name: 'owner', label: 'Owner' },
  { name: 'dueDate', label: 'Due (ISO 8601)', placeholder: '2027-03-31T17:00:00Z' },
];

export function FollowUp({ incidentId }: { incidentId: string }): JSX.Element {
  const p = { params: { path: { incidentId } } };
  const sla = useLoad(() => run(api().GET('/incidents/{incidentId}/sla', p)), [incidentId]);
  const updates = useLoad(
    () =>
      run(
        api().GET('/incidents/{incidentId}/agreement-updates', {
          params: { path: { incidentId }, query: { limit: 100 } },
        }),
      ),
    [incidentId],
  );
  const reload = () => {
    sla.reload();
    updates.reload();
  };
  return (
    <section aria-labelledby="sla-h">
      <h2 id="sla-h">Contractual SLAs and agreement updates</h2>
      <ErrorBanner error={sla.error ?? updates.error} />
      <table>
        <thead>
          <tr>
            <th>Third party</th>
            <th>SLA</th>
            <th>Due</th>
            <th>Met</th>
          </tr>
        </thead>
        <tbody>
          {(sla.data?.measurements ?? []).length === 0 && (
            <tr>
              <td colSpan={4}>No contractual SLA applies (set one on the third party).</td>
            </tr>
          )}
          {(sla.data?.measurements ?? []).map((m) => (
            <tr key={m.thirdPartyId + m.metric}>
              <td>{m.thirdPartyId}</td>
              <td>
                {m.metric} within {m.limitHours} h
              </td>
              <td>{when(m.dueAt ?? undefined)}</td>
              <td data-testid={`sla-${m.thirdPartyId}-${m.metric}`}>
                {sla.data?.breaches.some((b) => b.thirdPartyId === m.thirdPartyId && b.metric === m.metric)
                  ? 'breached'
                  : m.metAt
                    ? `met ${when(m.metAt)}`
                    : 'open'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(sla.data?.breaches ?? []).length > 0 && (
        <RecordForm
          label="Record SLA breaches"
          button="Record breaches and propose agreement updates"
          fields={[
            { name: 'owner', label: 'Owner of the agreement updates' },
            { name: 'dueDate', label: 'Updates due (ISO 8601)', placeholder: '2027-03-31T17:00:00Z' },
          ]}
          submit={(body) =>
            run(
              api().POST('/incidents/{incidentId}/sla/breaches', {
                ...p,
                body: body as Schemas['RecordSlaBreaches'],
              }),
            )
          }
          onDone={reload}
        />
      )}
      <h3>Agreement updates raised by this incident</h3>
      <AgreementUpdateList items={updates.data?.items ?? []} onChanged={updates.reload} />
      <RecordForm
        label="Raise agreement update"
        fields={UPDATE_FIELDS}
        submit={(body) =>
          run(
            api().POST('/agreement-updates', {
              body: {
                ...body,
                source: { kind: 'incident', id: incidentId },
              } as Schemas['CreateAgreementUpdate'],
            }),
          )
        }
        onDone={reload}
      />
    </section>
  );
}

export function Review({ incidentId, partner }: { incidentId: string; partner?: boolean }): JSX.Element {
  const p = { params: { path: { incidentId } } };
  const review = useLoad(() => run(api().GET('/incidents/{incidentId}/review', p)), [incidentId]);
  const r = review.data;
  const notOpen = review.error?.error.code === 'NOT_FOUND';
  return (
    <section aria-labelledby={`review-h-${incidentId}`}>
      <h2 id={`review-h-${incidentId}`}>Joint post-incident review</h2>
      {!notOpen && <ErrorBanner error={review.error} />}
      {notOpen && <p>No review is open.</p>}
      {r && (
        <>
          <p>
            {r.status === 'shared' ? 'Shared' : 'Open'} with {r.participants.join(', ')}{' '}
            <TlpMark tlp={r.tlp} />
            {r.withheldContributions
              ? ` · ${r.withheldContributions} contributions above your TLP are withheld`
              : ''}
          </p>
          <ul>
            {r.contributions.map((c) => (
              <li key={c.contributionId}>
                {c.contributionId} <TlpMark tlp={c.tlp} /> {c.organizationId} {c.kind}: {c.text}
                {c.recommendation ? ` — ${c.recommendation}` : ''}
              </li>
            ))}
          </ul>
          {r.result && (
            <p data-testid="review-result">
              Result <TlpMark tlp={r.result.tlp} />: {r.result.summary} (shared {when(r.result.sharedAt)} as{' '}
              {r.result.communicationId})
            </p>
          )}
        </>
      )}
      {r && r.status === 'open' && (
        <ApiForm
          label="Contribute to the review"
          submit={(v) =>
            run(
              api().POST('/incidents/{incidentId}/review/contributions', {
                ...p,
                body: clean({
                  kind: (v.str('kind') ?? 'finding') as 'finding',
                  text: v.str('text') ?? '',
                  recommendation: v.str('recommendation'),
                  tlp: v.str('tlp') as 'GREEN' | undefined,
                }),
              }),
            )
          }
          onDone={review.reload}
        >
          {(err) => (
            <>
              <Field label="Kind" error={err('kind')}>
                <Select name="kind" options={['finding', 'lesson']} value="finding" />
              </Field>
              <Field label="Finding or lesson" error={err('text')}>
                <textarea name="text" rows={2} cols={50} />
              </Field>
              <Field label="Recommendation (optional)" error={err('recommendation')}>
                <input name="recommendation" size={40} />
              </Field>
              <Field label="Contribution TLP" error={err('tlp')}>
                <Select name="tlp" options={TLPS} value="GREEN" />
              </Field>
            </>
          )}
        </ApiForm>
      )}
      {!partner && notOpen && (
        <RecordForm
          label="Open review"
          fields={[
            { name: 'participants', label: 'Participating organizations (comma separated)', kind: 'list' },
            { name: 'tlp', label: 'Review TLP', kind: 'select', options: TLPS },
          ]}
          submit={(body) =>
            run(api().POST('/incidents/{incidentId}/review', { ...p, body: body as Schemas['OpenReview'] }))
          }
          onDone={review.reload}
        />
      )}
      {!partner && r && r.status === 'open' && (
        <RecordForm
          label="Consolidate and share the review"
          button="Consolidate and share"
          fields={[
            { name: 'summary', label: 'Consolidated result', kind: 'textarea' },
            { name: 'include', label: 'Contributions included (comma separated ids)', kind: 'list' },
            { name: 'tlp', label: 'Share at TLP', kind: 'select', options: TLPS },
          ]}
          submit={(body) =>
            run(
              api().POST('/incidents/{incidentId}/review/consolidate', {
                ...p,
                body: body as Schemas['ConsolidateReview'],
              }),
            )
          }
          onDone={review.reload}
        />
      )}
    </section>
  );
}
