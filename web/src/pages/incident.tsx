/**
 * One incident: impact (priority and why), TLP, actions, communications with a TLP preview,
 * escalations and escalation chains, acknowledgement, close/reopen (409 reasons shown), lessons, roles,
 * obligations with clocks, submissions and drafts, activations, timeline. Lists past their first 100
 * items read on with "Load more" (./incident-extras.tsx).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, asApiError, type Schemas } from '../api/client';
import type { PageProps } from '../main';
import {
  ApiForm,
  clean,
  ErrorBanner,
  Field,
  PRIORITIES,
  run,
  Select,
  TLPS,
  TlpMark,
  useLoad,
  when,
} from '../ui';
import {
  ActivationTools,
  Chains,
  EscalationFields,
  escalationBody,
  Obligations,
  Paged,
  TlpChange,
} from './incident-extras';
import { Evidence, FollowUp, Holds, Review } from './incident-followup';
import { Indicators } from './sharing';

type Incident = Schemas['IncidentDetail'];
const path = (incidentId: string) => ({ params: { path: { incidentId } } });
const ACTION_STATUSES = ['pending', 'in_progress', 'completed', 'cancelled'] as const;
const IMPACT = ['critical', 'high', 'medium', 'low', 'unknown'] as const;
const GRADE = ['severe', 'moderate', 'minor', 'none', 'unknown'] as const;

export default function IncidentPage({ params, session }: PageProps): JSX.Element {
  const id = params.id ?? '';
  const inc = useLoad(() => run(api().GET('/incidents/{incidentId}', path(id))), [id]);
  const [closeError, setCloseError] = useState<Schemas['Error']>();
  if (!inc.data) return <ErrorBanner error={inc.error} />;
  const i: Incident = inc.data;
  const reload = inc.reload;
  const coordinator = session.roles.some((r) => r === 'admin' || r === 'coordinator');
  const responder = coordinator || session.roles.includes('responder');
  const impactWhy = [...(i.timeline ?? [])].reverse().find((t) => t.type.includes('impact'));
  return (
    <>
      {i.exercise && (
        <p class="exercise-banner" role="note" data-testid="exercise-banner">
          EXERCISE — a drill, not a real incident: its notices are marked [EXERCISE], it counts in no
          production figure and its regulatory clocks are simulated.
        </p>
      )}
      <h1>
        {i.id}: {i.title} <TlpMark tlp={i.tlp} />
      </h1>
      <p>
        Status <strong data-testid="status">{i.status}</strong> · priority{' '}
        <strong class="priority" data-testid="priority">
          {i.priority}
        </strong>{' '}
        · severity {i.severity} · category {i.category} · third parties{' '}
        {(i.affectedThirdParties ?? []).join(', ') || '—'}
      </p>
      <p>
        <a href={`#/incidents/${i.id}/edit`}>Edit</a> · <a href={`#/incidents/${i.id}/report`}>Report</a>
      </p>
      <p>{i.description}</p>

      {responder && <TlpChange incident={i} reload={reload} />}

      <section aria-labelledby="impact-h">
        <h2 id="impact-h">Impact assessment</h2>
        {i.impactAssessment && (
          <p data-testid="impact-why">
            Priority <strong>{i.priority}</strong> because:{' '}
            {impactWhy?.summary ?? `${i.impactAssessment.impactFactors} impact points`}
          </p>
        )}
        <ApiForm
          label="Assess impact"
          keep
          submit={(v) =>
            run(
              api().PUT('/incidents/{incidentId}/impact-assessment', {
                ...path(id),
                body: clean({
                  businessImpact: (v.str('businessImpact') ?? 'unknown') as 'unknown',
                  financialImpact: v.num('financialImpact') ?? 0,
                  reputationImpact: (v.str('reputationImpact') ?? 'unknown') as 'unknown',
                  regulatoryImpact: (v.str('regulatoryImpact') ?? 'unknown') as 'unknown',
                  customersAffected: v.num('customersAffected'),
                  systemsAffected: v.list('systemsAffected'),
                }),
              }),
            )
          }
          onDone={reload}
        >
          {(err) => (
            <>
              <Field label="Business impact" error={err('businessImpact')}>
                <Select
                  name="businessImpact"
                  options={IMPACT}
                  value={i.impactAssessment?.businessImpact ?? 'unknown'}
                />
              </Field>
              <Field label="Financial impact" error={err('financialImpact')}>
                <input
                  name="financialImpact"
                  inputMode="decimal"
                  defaultValue={i.impactAssessment?.financialImpact ?? 0}
                />
              </Field>
              <Field label="Reputation impact" error={err('reputationImpact')}>
                <Select
                  name="reputationImpact"
                  options={GRADE}
                  value={i.impactAssessment?.reputationImpact ?? 'unknown'}
                />
              </Field>
              <Field label="Regulatory impact" error={err('regulatoryImpact')}>
                <Select
                  name="regulatoryImpact"
                  options={GRADE}
                  value={i.impactAssessment?.regulatoryImpact ?? 'unknown'}
                />
              </Field>
              <Field label="Customers affected" error={err('customersAffected')}>
                <input
                  name="customersAffected"
                  inputMode="numeric"
                  defaultValue={i.impactAssessment?.customersAffected}
                />
              </Field>
              <Field label="Systems affected" error={err('systemsAffected')}>
                <input
                  name="systemsAffected"
                  defaultValue={i.impactAssessment?.systemsAffected?.join(', ')}
                />
              </Field>
            </>
          )}
        </ApiForm>
      </section>

      <section aria-labelledby="actions-h">
        <h2 id="actions-h">Actions</h2>
        <Paged incident={i} kind="actions" first={i.actions}>
          {(actions) => (
            <table>
              <thead>
                <tr>
                  <th>Id</th>
                  <th>Description</th>
                  <th>Assigned to</th>
                  <th>Due</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {actions.map((a) => (
                  <tr key={a.actionId}>
                    <td>{a.actionId}</td>
                    <td>{a.description}</td>
                    <td>{a.assignedTo}</td>
                    <td>{when(a.dueDate)}</td>
                    <td>
                      <span data-testid={`action-status-${a.actionId}`}>{a.status}</span>{' '}
                      <label>
                        <span class="sr-only">Status of {a.actionId}</span>
                        <select
                          aria-label={`Status of ${a.actionId}`}
                          value={a.status}
                          onChange={async (e) => {
                            const status = (e.target as HTMLSelectElement).value as 'completed';
                            await run(
                              api().PATCH('/incidents/{incidentId}/actions/{actionId}', {
                                params: { path: { incidentId: id, actionId: a.actionId } },
                                body: { status },
                              }),
                            );
                            reload();
                          }}
                        >
                          {ACTION_STATUSES.map((s) => (
                            <option key={s} value={s}>
                              {s}
                            </option>
                          ))}
                        </select>
                      </label>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Paged>
        <ApiForm
          label="Add action"
          submit={(v) =>
            run(
              api().POST('/incidents/{incidentId}/actions', {
                ...path(id),
                body: clean({
                  description: v.str('description') ?? '',
                  assignedTo: v.str('assignedTo') ?? '',
                  thirdParty: v.str('thirdParty'),
                  priority: v.str('priority') as 'high' | undefined,
                  dueDate: v.date('dueDate'),
                }),
              }),
            )
          }
          onDone={reload}
        >
          {(err) => (
            <>
              <Field label="Action description" error={err('description')}>
                <input name="description" size={40} />
              </Field>
              <Field label="Assigned to" error={err('assignedTo')}>
                <input name="assignedTo" />
              </Field>
              <Field label="Action third party" error={err('thirdParty')}>
                <input name="thirdParty" />
              </Field>
              <Field label="Action priority" error={err('priority')}>
                <Select name="priority" options={PRIORITIES} empty />
              </Field>
              <Field label="Due date" error={err('dueDate')}>
                <input name="dueDate" type="datetime-local" />
              </Field>
            </>
          )}
        </ApiForm>
      </section>

      <Communications incident={i} reload={reload} />

      <section aria-labelledby="esc-h">
        <h2 id="esc-h">Escalations</h2>
        <Paged incident={i} kind="escalations" first={i.escalations}>
          {(escalations) => (
            <ul>
              {escalations.map((e) => (
                <li key={e.escalationId}>
                  {e.escalationId} to {e.escalatedTo} ({e.priority}): {e.reason}
                </li>
              ))}
            </ul>
          )}
        </Paged>
        <ApiForm
          label="Escalate"
          submit={(v) =>
            run(api().POST('/incidents/{incidentId}/escalations', { ...path(id), body: escalationBody(v) }))
          }
          onDone={reload}
        >
          {(err) => (
            <EscalationFields
              err={err}
              labels={['Escalation reason', 'Escalated to', 'Escalation priority']}
            />
          )}
        </ApiForm>
      </section>

      <Chains incident={i} reload={reload} coordinator={coordinator} />

      {coordinator && <Activations incident={i} reload={reload} />}

      <section aria-labelledby="close-h">
        <h2 id="close-h">{i.status === 'open' ? 'Close' : 'Reopen'}</h2>
        {closeError && (
          <div class="error" role="alert" data-testid="close-refused">
            <strong>{closeError.error.code}</strong>: {closeError.error.message}
            <ul>
              {closeError.error.details.map((d) => (
                <li key={d.field + d.message}>
                  {d.field}: {d.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {i.status === 'open' ? (
          <ApiForm
            label="Close incident"
            submit={async (v) => {
              const r = await run(
                api().POST('/incidents/{incidentId}/close', {
                  ...path(id),
                  body: clean({ reason: v.str('reason') ?? 'resolved', notes: v.str('notes') }),
                }),
              );
              setCloseError(r.ok ? undefined : r.error);
              return r;
            }}
            onDone={reload}
          >
            {(err) => (
              <>
                <Field label="Closure reason" error={err('reason')}>
                  <input name="reason" defaultValue="resolved" />
                </Field>
                <Field label="Closure notes" error={err('notes')}>
                  <input name="notes" />
                </Field>
              </>
            )}
          </ApiForm>
        ) : (
          <ApiForm
            label="Reopen incident"
            submit={(v) =>
              run(
                api().POST('/incidents/{incidentId}/reopen', {
                  ...path(id),
                  body: clean({ reason: v.str('reason') }) as Schemas['ReopenIncident'],
                }),
              )
            }
            onDone={reload}
          >
            {(err) => (
              <Field label="Reopen reason" error={err('reason')}>
                <input name="reason" />
              </Field>
            )}
          </ApiForm>
        )}
      </section>

      <section aria-labelledby="lessons-h">
        <h2 id="lessons-h">Lessons learned</h2>
        <Paged incident={i} kind="lessonsLearned" first={i.lessonsLearned}>
          {(lessons) => (
            <ul>
              {lessons.map((l) => (
                <li key={l.lessonId}>
                  {l.lesson} {l.recommendation ? `— ${l.recommendation}` : ''}
                </li>
              ))}
            </ul>
          )}
        </Paged>
        <ApiForm
          label="Add lesson"
          submit={(v) =>
            run(
              api().POST('/incidents/{incidentId}/lessons-learned', {
                ...path(id),
                body: clean({
                  lesson: v.str('lesson') ?? '',
                  category: v.str('category'),
                  recommendation: v.str('recommendation'),
                }) as Schemas['CreateLesson'],
              }),
            )
          }
          onDone={reload}
        >
          {(err) => (
            <>
              <Field label="Lesson" error={err('lesson')}>
                <input name="lesson" size={40} />
              </Field>
              <Field label="Lesson category" error={err('category')}>
                <input name="category" />
              </Field>
              <Field label="Recommendation" error={err('recommendation')}>
                <input name="recommendation" size={30} />
              </Field>
            </>
          )}
        </ApiForm>
      </section>

      <section aria-labelledby="roles-h">
        <h2 id="roles-h">Roles and handovers</h2>
        <ul>
          {Object.entries(i.command ?? {}).map(([role, holder]) => (
            <li key={role}>
              {role}: {(holder as { name?: string } | undefined)?.name ?? JSON.stringify(holder)}
            </li>
          ))}
        </ul>
        <ApiForm
          label="Assign role"
          submit={(v) =>
            run(
              api().POST('/incidents/{incidentId}/roles', {
                ...path(id),
                body: clean({
                  role: (v.str('role') ?? '') as Schemas['AssignRole']['role'],
                  holder: {
                    subject: v.str('holder') ?? '',
                    name: v.str('holderName') ?? v.str('holder') ?? '',
                  },
                  note: v.str('note'),
                }),
              }),
            )
          }
          onDone={reload}
        >
          {(err) => (
            <>
              <Field label="Role" error={err('role')}>
                <input name="role" placeholder="incident_commander" />
              </Field>
              <Field label="Holder (subject)" error={err('holder')}>
                <input name="holder" />
              </Field>
              <Field label="Holder name">
                <input name="holderName" />
              </Field>
              <Field label="Handover note" error={err('note')}>
                <input name="note" />
              </Field>
            </>
          )}
        </ApiForm>
      </section>

      <Obligations incident={i} reload={reload} />

      <Evidence incidentId={i.id} />
      <Holds incidentId={i.id} />
      <FollowUp incidentId={i.id} />
      <Review incidentId={i.id} />
      <Indicators incidentId={i.id} />

      <section aria-labelledby="tl-h">
        <h2 id="tl-h">Timeline</h2>
        <Paged incident={i} kind="timeline" first={i.timeline}>
          {(timeline) => (
            <ol data-testid="timeline">
              {timeline.map((t) => (
                <li key={t.seq}>
                  {when(t.at)} {t.actor} <code>{t.type}</code> {t.summary}
                </li>
              ))}
            </ol>
          )}
        </Paged>
      </section>
    </>
  );
}

type Preview = Schemas['CommunicationPreview'];

function Communications({ incident, reload }: { incident: Incident; reload: () => void }): JSX.Element {
  const [preview, setPreview] = useState<Preview>();
  const body = (form: HTMLFormElement): Schemas['CreateCommunication'] => {
    const f = new FormData(form);
    const s = (k: string): string | undefined => {
      const v = f.get(k);
      return typeof v === 'string' && v.trim() ? v.trim() : undefined;
    };
    const list = (k: string): string[] | undefined => {
      const v = s(k)
        ?.split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      return v?.length ? v : undefined;
    };
    const contacts = list('contacts');
    const organizations = list('organizations');
    const recipients = contacts || organizations ? clean({ contacts, organizations }) : undefined;
    return clean({
      type: s('type') ?? 'email',
      direction: (s('direction') ?? 'outbound') as 'outbound',
      thirdParty: s('thirdParty'),
      subject: s('subject'),
      content: s('content'),
      sentTo: list('sentTo'),
      recipients,
      templateId: s('templateId'),
      tlp: s('tlp') as 'RED' | undefined,
    });
  };
  return (
    <section aria-labelledby="comm-h">
      <h2 id="comm-h">Communications</h2>
      <Paged incident={incident} kind="communications" first={incident.communications}>
        {(communications) => (
          <table>
            <thead>
              <tr>
                <th>Id</th>
                <th>TLP</th>
                <th>Direction</th>
                <th>Subject</th>
                <th>To</th>
                <th>Delivery</th>
              </tr>
            </thead>
            <tbody data-testid="communications">
              {communications.map((c) => (
                <tr key={c.communicationId}>
                  <td>{c.communicationId}</td>
                  <td>
                    <TlpMark tlp={c.tlp} />
                  </td>
                  <td>{c.direction}</td>
                  <td>{c.subject}</td>
                  <td>
                    {[
                      ...(c.sentTo ?? []),
                      ...(c.recipients?.contacts ?? []),
                      ...(c.recipients?.organizations ?? []),
                    ].join(', ')}
                  </td>
                  <td>{c.delivery?.status ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Paged>
      <ApiForm
        label="Record communication"
        submit={(v) =>
          run(
            api().POST('/incidents/{incidentId}/communications', {
              ...path(incident.id),
              body: body(v.form),
            }),
          )
        }
        onDone={() => {
          setPreview(undefined);
          reload();
        }}
        secondary={{
          label: 'Preview recipients',
          submit: (v) =>
            run(
              api().POST('/incidents/{incidentId}/communications/preview', {
                ...path(incident.id),
                body: body(v.form),
              }),
            ),
          onDone: (data) => setPreview(data as Preview),
          onError: () => setPreview(undefined),
        }}
      >
        {(err) => (
          <>
            <Field label="Channel type" error={err('type')}>
              <input name="type" defaultValue="email" />
            </Field>
            <Field label="Direction" error={err('direction')}>
              <Select name="direction" options={['outbound', 'inbound']} />
            </Field>
            <Field label="Communication third party" error={err('thirdParty')}>
              <input name="thirdParty" />
            </Field>
            <Field label="Subject" error={err('subject')}>
              <input name="subject" size={30} />
            </Field>
            <Field label="Content" error={err('content')}>
              <textarea name="content" rows={2} cols={30} />
            </Field>
            <Field label="Sent to (free text, comma separated)" error={err('sentTo')}>
              <input name="sentTo" />
            </Field>
            <Field label="Recipient contacts (ids)" error={err('recipients')}>
              <input name="contacts" />
            </Field>
            <Field label="Recipient organizations (ids)">
              <input name="organizations" />
            </Field>
            <Field label="Template id" error={err('templateId')}>
              <input name="templateId" />
            </Field>
            <Field label="Communication TLP" error={err('tlp')}>
              <Select name="tlp" options={TLPS} value={incident.tlp} />
            </Field>
          </>
        )}
      </ApiForm>
      {preview && (
        <div data-testid="preview" aria-live="polite">
          <h3>
            Preview (nothing sent) <TlpMark tlp={preview.tlp} />
          </h3>
          {preview.tlpLoweredFrom && (
            <p>
              Lowered from the incident's <TlpMark tlp={preview.tlpLoweredFrom} />
            </p>
          )}
          <p>
            <strong>{preview.subject}</strong>
            {preview.template && ` — template ${preview.template.templateId} v${preview.template.version}`}
          </p>
          <p data-testid="preview-verdict" class={preview.allowed ? '' : 'refused'}>
            {preview.allowed
              ? 'Every recipient may receive it.'
              : `Sending would be refused: ${preview.recipients.filter((r) => !r.allowed).length} recipient(s) not allowed under TLP:${preview.tlp}.`}
          </p>
          <table>
            <thead>
              <tr>
                <th>Contact</th>
                <th>Organization</th>
                <th>Named by</th>
                <th>Receives</th>
              </tr>
            </thead>
            <tbody>
              {preview.recipients.map((r) => (
                <tr
                  key={`${r.field}/${r.contactId}`}
                  data-testid={`preview-${r.contactId}`}
                  class={r.allowed ? '' : 'refused'}
                >
                  <td>{r.contactId}</td>
                  <td>{r.organizationId}</td>
                  <td>
                    {r.via} (<code>{r.field}</code>)
                  </td>
                  <td>{r.allowed ? 'yes' : `refused (${r.code ?? 'TLP'}): ${r.reason ?? ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Activations({ incident, reload }: { incident: Incident; reload: () => void }): JSX.Element {
  const playbooks = useLoad(() => run(api().GET('/playbooks')), []);
  const items = (playbooks.data as { items?: Schemas['Playbook'][] } | undefined)?.items ?? [];
  return (
    <section aria-labelledby="act-h">
      <h2 id="act-h">Playbook activations and coordinated actions</h2>
      <ApiForm
        label="Activate playbook"
        submit={(v) =>
          run(
            api().POST('/playbooks/{playbookId}/activations', {
              params: { path: { playbookId: v.str('playbookId') ?? '' } },
              body: clean({ incidentId: incident.id, coordinationChannel: v.str('coordinationChannel') }),
            }),
          )
        }
        onDone={reload}
      >
        {(err) => (
          <>
            <Field label="Playbook" error={err('playbookId')}>
              <select name="playbookId">
                {items.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.id})
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Coordination channel (optional)" error={err('coordinationChannel')}>
              <input name="coordinationChannel" />
            </Field>
          </>
        )}
      </ApiForm>
      <ErrorBanner error={playbooks.error} />
      {(incident.activations ?? []).map((a) => (
        <div key={a.activationId} data-testid={`activation-${a.activationId}`}>
          <h3>
            {a.activationId} — playbook {a.playbookId} ({a.status})
          </h3>
          <table>
            <thead>
              <tr>
                <th>Id</th>
                <th>Description</th>
                <th>Responsible</th>
                <th>Status</th>
                <th>Notes</th>
              </tr>
            </thead>
            <tbody>
              {(a.actions ?? []).map((c) => (
                <tr key={c.actionId}>
                  <td>{c.actionId}</td>
                  <td>{c.description}</td>
                  <td>{c.responsibleOrganization}</td>
                  <td data-testid={`coord-status-${c.actionId}`}>{c.status}</td>
                  <td>{c.reason ?? c.coordinationNotes ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ApiForm
            label={`Add coordinated action to ${a.activationId}`}
            button="Add coordinated action"
            submit={(v) =>
              run(
                api().POST('/activations/{activationId}/actions', {
                  params: { path: { activationId: a.activationId } },
                  body: clean({
                    description: v.str('description') ?? '',
                    responsibleOrganization: v.str('responsibleOrganization') ?? '',
                    priority: v.str('priority') as 'high' | undefined,
                    dueDate: v.date('dueDate'),
                  }),
                }),
              )
            }
            onDone={reload}
          >
            {(err) => (
              <>
                <Field label="Coordinated action" error={err('description')}>
                  <input name="description" size={30} />
                </Field>
                <Field label="Responsible organization" error={err('responsibleOrganization')}>
                  <input name="responsibleOrganization" />
                </Field>
                <Field label="Coordinated priority" error={err('priority')}>
                  <Select name="priority" options={PRIORITIES} empty />
                </Field>
                <Field label="Coordinated due date" error={err('dueDate')}>
                  <input name="dueDate" type="datetime-local" />
                </Field>
              </>
            )}
          </ApiForm>
          <ActivationTools activationId={a.activationId} reload={reload} />
          {a.status !== 'completed' && (
            <ApiForm
              label={`Complete activation ${a.activationId}`}
              submit={(v) =>
                run(
                  api().POST('/activations/{activationId}/complete', {
                    params: { path: { activationId: a.activationId } },
                    body: clean({ notes: v.str('notes') }),
                  }),
                )
              }
              onDone={reload}
            >
              {(err) => (
                <Field label="Completion notes" error={err('notes')}>
                  <textarea name="notes" rows={2} cols={50} />
                </Field>
              )}
            </ApiForm>
          )}
        </div>
      ))}
    </section>
  );
}

export { asApiError };
