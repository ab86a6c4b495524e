/**
 * Parts of the incident page: the TLP change, escalation chains (start, acknowledge), regulatory
 * obligations (attach from the regime catalogue, triggers and facts, submissions, the notice draft),
 * activation escalations and reports, and reading an incident's children past their first page.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../api/client';
import { type FieldSpec, RecordForm } from '../record-form';
import {
  ApiForm,
  Countdown,
  clean,
  ErrorBanner,
  Field,
  type FormValues,
  PRIORITIES,
  run,
  Select,
  TLPS,
  TlpMark,
  useLoad,
  when,
} from '../ui';

type Incident = Schemas['IncidentDetail'];
type Kind = keyof NonNullable<Incident['nextCursors']>;
const path = (incidentId: string) => ({ params: { path: { incidentId } } });

/**
 * An incident's children beyond the first 100 the detail holds: `items` is the detail's list plus
 * every page read with "Load more" (reset when the incident is read again).
 */
export function useMore<T>(
  incident: Incident,
  kind: Kind,
  first: T[] | undefined,
): { items: T[]; more: JSX.Element | null } {
  const [pages, setPages] = useState<{ version: number; items: T[]; cursor: string | undefined }>();
  const current = pages?.version === incident.version ? pages : undefined;
  const cursor = current ? current.cursor : incident.nextCursors?.[kind];
  const [error, setError] = useState<Schemas['Error']>();
  const load = async (): Promise<void> => {
    if (!cursor) return;
    const params = { params: { path: { incidentId: incident.id }, query: { cursor, limit: 100 } } };
    const c = api();
    const r = await run<unknown>(
      kind === 'actions'
        ? c.GET('/incidents/{incidentId}/actions', params)
        : kind === 'communications'
          ? c.GET('/incidents/{incidentId}/communications', params)
          : kind === 'escalations'
            ? c.GET('/incidents/{incidentId}/escalations', params)
            : kind === 'lessonsLearned'
              ? c.GET('/incidents/{incidentId}/lessons-learned', params)
              : c.GET('/incidents/{incidentId}/timeline', params),
    );
    if (!r.ok) return setError(r.error);
    setError(undefined);
    const page = r.data as { items: T[]; nextCursor: string | null };
    setPages({
      version: incident.version,
      items: [...(current?.items ?? []), ...page.items],
      cursor: page.nextCursor ?? undefined,
    });
  };
  const items = [...(first ?? []), ...(current?.items ?? [])];
  const label = kind === 'lessonsLearned' ? 'lessons' : kind;
  const more = cursor ? (
    <p>
      <ErrorBanner error={error} />
      <button type="button" onClick={() => void load()}>
        Load more {label}
      </button>{' '}
      ({items.length} shown)
    </p>
  ) : null;
  return { items, more };
}

export function TlpChange({ incident, reload }: { incident: Incident; reload: () => void }): JSX.Element {
  return (
    <section aria-labelledby="tlp-h">
      <h2 id="tlp-h">
        Classification <TlpMark tlp={incident.tlp} />
      </h2>
      <ApiForm
        label="Change TLP"
        submit={(v) =>
          run(
            api().PUT('/incidents/{incidentId}/tlp', {
              ...path(incident.id),
              body: {
                tlp: (v.str('tlp') ?? incident.tlp) as Schemas['ChangeIncidentTlp']['tlp'],
                reason: v.str('reason') ?? '',
              },
            }),
          )
        }
        onDone={reload}
      >
        {(err) => (
          <>
            <Field label="New TLP" error={err('tlp')}>
              <Select name="tlp" options={TLPS} value={incident.tlp} />
            </Field>
            <Field label="Reason for the change" error={err('reason')}>
              <input name="reason" size={40} />
            </Field>
          </>
        )}
      </ApiForm>
    </section>
  );
}

export function Chains(props: { incident: Incident; reload: () => void; coordinator: boolean }): JSX.Element {
  const { incident, reload } = props;
  const policies = useLoad(
    () => run(api().GET('/escalation-policies', { params: { query: { limit: 100 } } })),
    [],
  );
  const chains = incident.escalationChains ?? [];
  return (
    <section aria-labelledby="chains-h">
      <h2 id="chains-h">Escalation chains and acknowledgement</h2>
      <p data-testid="acknowledged">
        {incident.acknowledgedAt
          ? `Acknowledged ${when(incident.acknowledgedAt)} by ${incident.acknowledgedBy ?? '—'}`
          : 'Not acknowledged yet'}
      </p>
      <table>
        <thead>
          <tr>
            <th>Chain</th>
            <th>Source</th>
            <th>Status</th>
            <th>Level</th>
            <th>Reason</th>
            <th>Last step</th>
          </tr>
        </thead>
        <tbody>
          {chains.length === 0 && (
            <tr>
              <td colSpan={6}>None.</td>
            </tr>
          )}
          {chains.map((c) => (
            <tr key={c.chainId}>
              <td>{c.chainId}</td>
              <td>
                {c.source.type === 'policy' ? `policy ${c.source.policyId}` : `channel ${c.source.channelId}`}
                {c.triggerId ? ` (trigger ${c.triggerId})` : ''}
              </td>
              <td data-testid={`chain-status-${c.chainId}`}>{c.status}</td>
              <td>{c.currentLevel}</td>
              <td>{c.reason}</td>
              <td>{lastStep(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.coordinator && (
        <ApiForm
          label="Start escalation chain"
          submit={(v) =>
            run(
              api().POST('/incidents/{incidentId}/escalation-chain', {
                ...path(incident.id),
                body: clean({
                  policyId: v.str('policyId'),
                  channelId: v.str('channelId'),
                  reason: v.str('reason'),
                }),
              }),
            )
          }
          onDone={reload}
        >
          {(err) => (
            <>
              <Field label="Escalation policy" error={err('policyId')}>
                <select name="policyId">
                  <option value="">—</option>
                  {(policies.data?.items ?? []).map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} ({p.id})
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="or coordination channel id" error={err('channelId')}>
                <input name="channelId" />
              </Field>
              <Field label="Chain reason" error={err('reason')}>
                <input name="reason" size={30} />
              </Field>
            </>
          )}
        </ApiForm>
      )}
      <ApiForm
        label="Acknowledge incident"
        submit={(v) =>
          run(
            api().POST('/incidents/{incidentId}/acknowledge', {
              ...path(incident.id),
              body: clean({ note: v.str('note') }),
            }),
          )
        }
        onDone={reload}
      >
        {(err) => (
          <Field label="Acknowledgement note" error={err('note')}>
            <input name="note" size={30} />
          </Field>
        )}
      </ApiForm>
    </section>
  );
}

/** The chain's last step: when, and who was skipped and why (e.g. refused under TLP). */
function lastStep(c: Schemas['EscalationChain']): string {
  const step = c.steps.at(-1);
  if (!step) return c.nextLevelAt ? `level 1 at ${when(c.nextLevelAt)}` : '—';
  const skipped = step.skipped.map((s) => `${s.recipient} skipped: ${s.reason}`);
  return [`level ${step.level} at ${when(step.at)}`, ...skipped].join('; ');
}

const OBLIGATION_FIELDS: FieldSpec[] = [
  { name: 'triggers.awareness', label: 'Aware since (ISO 8601)', nullable: true, merge: true },
  { name: 'triggers.determination', label: 'Determined at (ISO 8601)', nullable: true, merge: true },
  { name: 'triggers.classification', label: 'Classified at (ISO 8601)', nullable: true, merge: true },
  { name: 'triggers.ransomPayment', label: 'Ransom paid at (ISO 8601)', nullable: true, merge: true },
  { name: 'triggers.extortionPayment', label: 'Extortion paid at (ISO 8601)', nullable: true, merge: true },
  { name: 'facts.highRisk', label: 'High risk to individuals', kind: 'yesno', nullable: true, merge: true },
  {
    name: 'facts.affectedIndividuals',
    label: 'Individuals affected',
    kind: 'number',
    nullable: true,
    merge: true,
  },
  {
    name: 'facts.maxResidentsInAState',
    label: 'Most residents of one state',
    kind: 'number',
    nullable: true,
    merge: true,
  },
  {
    name: 'facts.significantImpact',
    label: 'Significant impact',
    kind: 'yesno',
    nullable: true,
    merge: true,
  },
];

export function Obligations({ incident, reload }: { incident: Incident; reload: () => void }): JSX.Element {
  const regimes = useLoad(() => run(api().GET('/regimes')), []);
  const suggested = new Set((incident.suggestedRegimes ?? []).map((r) => String(r.regime ?? r)));
  const [draft, setDraft] = useState<Schemas['ObligationDraft']>();
  return (
    <section aria-labelledby="obl-h">
      <h2 id="obl-h">Obligations and clocks</h2>
      <table>
        <thead>
          <tr>
            <th>Obligation</th>
            <th>Clock</th>
            <th>Status</th>
            <th>Due</th>
            <th>Checklist</th>
          </tr>
        </thead>
        <tbody>
          {(incident.obligations ?? []).length === 0 && (
            <tr>
              <td colSpan={5}>None.</td>
            </tr>
          )}
          {(incident.obligations ?? []).flatMap((o) =>
            (o.clocks ?? []).map((c) => (
              <tr key={o.obligationId + c.clockId}>
                <td>
                  {o.obligationId} {o.name}
                </td>
                <td>{c.name}</td>
                <td>{c.status}</td>
                <td>{c.due ? <Countdown to={c.due} /> : (c.waitingFor ?? '—')}</td>
                <td>
                  {(c.missingItems ?? []).length
                    ? `missing: ${(c.missingItems ?? []).join(', ')}`
                    : 'complete'}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      {(incident.obligations ?? []).map((o) => {
        const p = { params: { path: { incidentId: incident.id, obligationId: o.obligationId } } };
        const clocks = (o.clocks ?? []).map((c) => c.clockId);
        return (
          <details key={o.obligationId}>
            <summary>
              {o.obligationId} {o.name}: triggers, facts, submissions, draft
            </summary>
            <RecordForm
              key={`${o.obligationId}-${incident.version}`}
              label={`Update obligation ${o.obligationId}`}
              button="Save triggers and facts"
              fields={[...OBLIGATION_FIELDS, { name: 'reason', label: 'Reason for the change' }]}
              initial={o as unknown as Record<string, unknown>}
              submit={(body) =>
                run(
                  api().PATCH('/incidents/{incidentId}/obligations/{obligationId}', {
                    ...p,
                    body: body as Schemas['UpdateObligation'],
                  }),
                )
              }
              onDone={reload}
            />
            <ApiForm
              label={`Record submission for ${o.obligationId}`}
              button="Record submission"
              submit={(v) =>
                run(
                  api().POST('/incidents/{incidentId}/obligations/{obligationId}/submissions', {
                    ...p,
                    body: clean({
                      clock: v.str('clock') ?? '',
                      recipient: v.str('recipient') ?? '',
                      submittedAt: v.date('submittedAt'),
                      reference: v.str('reference'),
                      coveredItems: v.list('coveredItems'),
                      reasonsForDelay: v.str('reasonsForDelay'),
                      notes: v.str('notes'),
                    }) as Schemas['CreateSubmission'],
                  }),
                )
              }
              onDone={reload}
            >
              {(err) => (
                <>
                  <Field label="Clock" error={err('clock')}>
                    <Select name="clock" options={clocks} />
                  </Field>
                  <Field label="Submitted to" error={err('recipient')}>
                    <input name="recipient" />
                  </Field>
                  <Field label="Submitted at (default now)" error={err('submittedAt')}>
                    <input name="submittedAt" type="datetime-local" />
                  </Field>
                  <Field label="Regulator's reference" error={err('reference')}>
                    <input name="reference" />
                  </Field>
                  <Field label="Checklist items covered (comma separated)" error={err('coveredItems')}>
                    <input name="coveredItems" size={40} />
                  </Field>
                  <Field label="Reasons for delay" error={err('reasonsForDelay')}>
                    <textarea name="reasonsForDelay" rows={2} cols={40} />
                  </Field>
                  <Field label="Submission notes" error={err('notes')}>
                    <input name="notes" size={40} />
                  </Field>
                </>
              )}
            </ApiForm>
            <ApiForm
              label={`Draft notice for ${o.obligationId}`}
              button="Show draft"
              keep
              submit={(v) =>
                run(
                  api().GET('/incidents/{incidentId}/obligations/{obligationId}/draft', {
                    params: {
                      ...p.params,
                      query: clean({ clock: v.str('clock'), templateId: v.str('templateId') }),
                    },
                  }),
                )
              }
              onDone={(d) => setDraft(d as Schemas['ObligationDraft'])}
            >
              {(err) => (
                <>
                  <Field label="Draft for clock" error={err('clock')}>
                    <Select name="clock" options={clocks} />
                  </Field>
                  <Field label="Template id (optional)" error={err('templateId')}>
                    <input name="templateId" />
                  </Field>
                </>
              )}
            </ApiForm>
            {(o.submissions ?? []).length > 0 && (
              <ul>
                {(o.submissions ?? []).map((s) => (
                  <li key={s.submissionId}>
                    {s.submissionId} {s.clock} to {s.recipient} at {when(s.submittedAt)}
                    {s.lateness ? ` (late by ${s.lateness.iso8601})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </details>
        );
      })}
      {draft && (
        <div data-testid="obligation-draft">
          <h3>
            Draft: {draft.clockName} to {draft.recipient} (due {when(draft.due ?? undefined)})
          </h3>
          <p>
            <strong>{draft.subject}</strong>
          </p>
          <pre>{draft.body}</pre>
          {draft.missing.length > 0 && <p>Still missing: {draft.missing.join(', ')}</p>}
        </div>
      )}
      <ApiForm
        label="Attach obligation"
        submit={(v) =>
          run(
            api().POST('/incidents/{incidentId}/obligations', {
              ...path(incident.id),
              body: clean({ regime: v.str('regime') }) as Schemas['AttachObligation'],
            }),
          )
        }
        onDone={reload}
      >
        {(err) => (
          <Field label="Regime" error={err('regime')}>
            <select name="regime">
              {(regimes.data?.items ?? [])
                .slice()
                .sort((a, b) => Number(suggested.has(b.id)) - Number(suggested.has(a.id)))
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} ({r.id}){suggested.has(r.id) ? ' — suggested' : ''}
                  </option>
                ))}
            </select>
          </Field>
        )}
      </ApiForm>
    </section>
  );
}

/** An escalation's body (of an incident or of an activation: the same schema, CreateEscalation). */
export const escalationBody = (v: FormValues): Schemas['CreateEscalation'] =>
  clean({
    reason: v.str('reason') ?? '',
    escalatedTo: v.str('escalatedTo') ?? '',
    priority: (v.str('priority') ?? 'high') as 'high',
  });

/** The fields of an escalation form; `labels` tell the incident's form from an activation's. */
export function EscalationFields(props: {
  err: (name: string) => JSX.Element | null;
  labels: readonly [reason: string, to: string, priority: string];
}): JSX.Element {
  const [reason, to, priority] = props.labels;
  return (
    <>
      <Field label={reason} error={props.err('reason')}>
        <input name="reason" size={40} />
      </Field>
      <Field label={to} error={props.err('escalatedTo')}>
        <input name="escalatedTo" />
      </Field>
      <Field label={priority} error={props.err('priority')}>
        <Select name="priority" options={PRIORITIES} value="high" />
      </Field>
    </>
  );
}

export function ActivationTools({
  activationId,
  reload,
}: {
  activationId: string;
  reload: () => void;
}): JSX.Element {
  const [report, setReport] = useState<Schemas['ActivationReport']>();
  const [error, setError] = useState<Schemas['Error']>();
  const p = { params: { path: { activationId } } };
  return (
    <div>
      <ApiForm
        label={`Escalate activation ${activationId}`}
        button="Escalate activation"
        submit={(v) =>
          run(
            api().POST('/activations/{activationId}/escalations', {
              ...p,
              body: escalationBody(v),
            }),
          )
        }
        onDone={reload}
      >
        {(err) => (
          <EscalationFields
            err={err}
            labels={[
              'Activation escalation reason',
              'Activation escalated to',
              'Activation escalation priority',
            ]}
          />
        )}
      </ApiForm>
      <button
        type="button"
        onClick={async () => {
          const r = await run(api().GET('/activations/{activationId}/report', p));
          if (r.ok) setReport(r.data);
          setError(r.ok ? undefined : r.error);
        }}
      >
        Report of {activationId}
      </button>
      <ErrorBanner error={error} />
      {report && (
        <div data-testid={`activation-report-${activationId}`}>
          <p>
            {report.coordinationMetrics.completedActions} of {report.coordinationMetrics.totalActions}{' '}
            coordinated actions completed ({report.coordinationMetrics.completionRate} %),{' '}
            {report.coordinationMetrics.openActions} open; {report.escalations.length} escalations.
          </p>
          <ul>
            {report.recommendations.map((r) => (
              <li key={r.description}>
                {r.priority}: {r.description}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Renders an incident's child list with every page read so far, and "Load more" while there are more. */
export function Paged<T>(props: {
  incident: Incident;
  kind: Kind;
  first: T[] | undefined;
  children: (items: T[]) => JSX.Element;
}): JSX.Element {
  const { items, more } = useMore(props.incident, props.kind, props.first);
  return (
    <>
      {props.children(items)}
      {more}
    </>
  );
}
