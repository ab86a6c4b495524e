/**
 * Exercises (docs/exercises.md): start a tabletop or live drill of a playbook with timed injects,
 * open one to read its report (per organization and action, unreachable contacts, escalation levels),
 * record findings and raise each as what it proposes (an agreement update, an action on the playbook,
 * a contact re-verification), end it, and compare the exercises of one playbook over time. The quarantine of
 * inbound e-mail (docs/inbound-email.md) is on its own page (`./inbound.tsx`).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { AgreementUpdateList } from '../agreement-updates';
import { api, type Schemas } from '../api/client';
import { ENUMS } from '../enums';
import type { PageProps } from '../main';
import { type FieldSpec, RecordForm } from '../record-form';
import { ApiForm, clean, ErrorBanner, Field, PRIORITIES, run, Select, TLPS, useLoad, when } from '../ui';

const START_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Exercise id' },
  { name: 'title', label: 'Exercise title' },
  { name: 'description', label: 'Scenario', kind: 'textarea' },
  { name: 'mode', label: 'Mode', kind: 'select', options: ['tabletop', 'live'] },
  { name: 'playbookId', label: 'Playbook (its participants take part)' },
  {
    name: 'participatingOrganizations',
    label: 'Or participating organizations (comma separated)',
    kind: 'list',
  },
  { name: 'severity', label: 'Exercise severity', kind: 'select', options: PRIORITIES },
  { name: 'tlp', label: 'Exercise TLP', kind: 'select', options: TLPS },
  {
    name: 'injects',
    label:
      'Injects (JSON: [{"kind": "message", "offsetMinutes": 15, "subject": "…", "content": "…"}, {"kind": "state_change", "offsetMinutes": 30, "priority": "critical"}])',
    kind: 'json',
  },
];

type Raisable = 'contract_update' | 'playbook_action' | 'contact_fix';

/** The fields `POST …/findings/{findingId}/raise` takes, by what the finding proposes. */
const RAISE_FIELDS: Record<Raisable, FieldSpec[]> = {
  contract_update: [
    { name: 'topic', label: 'Topic', kind: 'select', options: ENUMS.agreementTopic },
    { name: 'proposedChange', label: 'Proposed change (default: the recommendation)', kind: 'textarea' },
    { name: 'owner', label: 'Owner (a contact id is reminded)' },
    { name: 'dueDate', label: 'Due (ISO 8601)', placeholder: '2027-03-31T17:00:00Z' },
    { name: 'agreementId', label: 'Sharing agreement (optional)' },
  ],
  playbook_action: [
    { name: 'action', label: 'Playbook action (default: the recommendation)' },
    { name: 'responsible', label: 'Responsible organization (default: the finding’s)' },
    { name: 'timeframe', label: 'Timeframe', placeholder: 'PT4H' },
  ],
  contact_fix: [{ name: 'reason', label: 'Reason to re-verify (default: the finding)' }],
};

/** What a raised finding became, in words. */
function linkText(link: Schemas['ExerciseFindingLink']): string {
  switch (link.kind) {
    case 'agreement_update':
      return `agreement update ${link.id}`;
    case 'playbook_action':
      return `action ${(link.actionIndex ?? 0) + 1} of playbook ${link.id} version ${link.playbookVersion}`;
    default:
      return `contact ${link.id} flagged for re-verification`;
  }
}

export default function Exercises({ query }: PageProps): JSX.Element {
  const [open, setOpen] = useState<string | undefined>(query.get('id') ?? undefined);
  const [compare, setCompare] = useState<string>();
  return (
    <>
      <h1>Exercises</h1>
      <p>
        An exercise is an incident marked as a drill: its notices say [EXERCISE], it counts in no production
        figure, its regulatory clocks are simulated, and its injects fire on schedule.
      </p>
      <RecordForm
        label="Start exercise"
        fields={START_FIELDS}
        submit={(body) => run(api().POST('/exercises', { body: body as Schemas['CreateExercise'] }))}
        onDone={(d) => setOpen((d as Schemas['Exercise']).id)}
      />
      <form
        aria-label="Open exercise"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget as HTMLFormElement);
          const id = f.get('exerciseId');
          const pb = f.get('playbookId');
          setOpen(typeof id === 'string' && id.trim() ? id.trim() : undefined);
          setCompare(typeof pb === 'string' && pb.trim() ? pb.trim() : undefined);
        }}
      >
        <Field label="Exercise id to open">
          <input name="exerciseId" />
        </Field>{' '}
        <Field label="or compare the exercises of playbook">
          <input name="playbookId" />
        </Field>{' '}
        <button type="submit">Show</button>
      </form>
      {open && <ExerciseView key={open} exerciseId={open} />}
      {compare && <Comparison key={compare} playbookId={compare} />}
    </>
  );
}

function ExerciseView({ exerciseId }: { exerciseId: string }): JSX.Element {
  const p = { params: { path: { exerciseId } } };
  const exercise = useLoad(() => run(api().GET('/exercises/{exerciseId}', p)), [exerciseId]);
  const report = useLoad(() => run(api().GET('/exercises/{exerciseId}/report', p)), [exerciseId]);
  const reload = () => {
    exercise.reload();
    report.reload();
  };
  const e = exercise.data;
  const r = report.data;
  return (
    <section aria-labelledby="ex-h" data-testid={`exercise-${exerciseId}`}>
      <h2 id="ex-h">
        {exerciseId}: {e?.title} ({e?.status})
      </h2>
      <ErrorBanner error={exercise.error ?? report.error} />
      {e && (
        <p>
          {e.mode} exercise on <a href={`#/incidents/${e.incidentId}`}>{e.incidentId}</a>, started{' '}
          {when(e.startAt)}
          {e.playbookId ? `, playbook ${e.playbookId} v${e.playbookVersion}` : ''}; participants{' '}
          {e.participatingOrganizations.join(', ') || '—'}
        </p>
      )}
      {e && (
        <>
          <h3>Injects</h3>
          <ol>
            {e.injects.map((i, n) => (
              <li key={`${i.kind}-${n}`}>
                +{i.offsetMinutes} min {i.kind}
                {i.kind === 'message' ? `: ${i.subject}` : ''}
                {'firedAt' in i && i.firedAt ? ` — fired ${when(i.firedAt as string)}` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
      {r && (
        <>
          <h3>Report</h3>
          <table>
            <thead>
              <tr>
                <th>Organization</th>
                <th>Actions</th>
                <th>Acknowledged</th>
                <th>Completed (in time)</th>
                <th>Median to acknowledge</th>
                <th>Median to complete</th>
              </tr>
            </thead>
            <tbody>
              {r.organizations.length === 0 && (
                <tr>
                  <td colSpan={6}>None.</td>
                </tr>
              )}
              {r.organizations.map((o) => (
                <tr key={o.organizationId}>
                  <td>{o.organizationId}</td>
                  <td>{o.actions}</td>
                  <td>{o.acknowledged}</td>
                  <td>
                    {o.completed} ({o.completedWithinTimeframe})
                  </td>
                  <td>{o.medianAcknowledgeMinutes ?? '—'} min</td>
                  <td>{o.medianCompleteMinutes ?? '—'} min</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Unreachable contacts:{' '}
            {r.unreachableContacts.map((c) => `${c.contactId} (${c.reason})`).join(', ') || 'none'}
          </p>
          <h3>Findings</h3>
          <ul>
            {(r.findings ?? []).length === 0 && <li>None.</li>}
            {(r.findings ?? []).map((f) => (
              <li key={f.findingId} data-testid={`finding-${f.findingId}`}>
                {f.findingId} ({f.proposes}): {f.finding}
                {f.recommendation ? ` — ${f.recommendation}` : ''}
                {f.link && (
                  <>
                    {' '}
                    <strong>Raised as {linkText(f.link)}</strong> ({when(f.link.linkedAt)}, {f.link.linkedBy})
                  </>
                )}
                {!f.link && f.proposes !== 'none' && (
                  <RecordForm
                    label={`Raise ${f.findingId}`}
                    button="Raise"
                    fields={RAISE_FIELDS[f.proposes]}
                    submit={(body) =>
                      run(
                        api().POST('/exercises/{exerciseId}/findings/{findingId}/raise', {
                          params: { path: { exerciseId, findingId: f.findingId } },
                          body: body as Schemas['RaiseExerciseFinding'],
                        }),
                      )
                    }
                    onDone={reload}
                  />
                )}
              </li>
            ))}
          </ul>
          <h3>Agreement updates raised</h3>
          <AgreementUpdateList items={r.agreementUpdates} onChanged={reload} />
        </>
      )}
      {e && (
        <>
          <ApiForm
            label="Record finding"
            submit={(v) =>
              run(
                api().POST('/exercises/{exerciseId}/findings', {
                  ...p,
                  body: clean({
                    finding: v.str('finding') ?? '',
                    proposes: (v.str('proposes') ?? 'none') as 'none',
                    recommendation: v.str('recommendation'),
                    organizationId: v.str('organizationId'),
                    contactId: v.str('contactId'),
                  }),
                }),
              )
            }
            onDone={reload}
          >
            {(err) => (
              <>
                <Field label="Finding" error={err('finding')}>
                  <input name="finding" size={40} />
                </Field>
                <Field label="Proposes" error={err('proposes')}>
                  <Select
                    name="proposes"
                    options={['none', 'playbook_action', 'contact_fix', 'contract_update']}
                    value="none"
                  />
                </Field>
                <Field label="Finding recommendation" error={err('recommendation')}>
                  <input name="recommendation" size={40} />
                </Field>
                <Field
                  label="About organization (needed for a contract update)"
                  error={err('organizationId')}
                >
                  <input name="organizationId" />
                </Field>
                <Field label="About contact (needed for a contact fix)" error={err('contactId')}>
                  <input name="contactId" />
                </Field>
              </>
            )}
          </ApiForm>
          {e.status === 'running' && (
            <ApiForm
              label="End exercise"
              submit={(v) =>
                run(
                  api().POST('/exercises/{exerciseId}/end', { ...p, body: clean({ notes: v.str('notes') }) }),
                )
              }
              onDone={reload}
            >
              {(err) => (
                <Field label="Debrief notes" error={err('notes')}>
                  <textarea name="notes" rows={2} cols={50} />
                </Field>
              )}
            </ApiForm>
          )}
        </>
      )}
    </section>
  );
}

function Comparison({ playbookId }: { playbookId: string }): JSX.Element {
  const list = useLoad(
    () =>
      run(
        api().GET('/playbooks/{playbookId}/exercises', {
          params: { path: { playbookId }, query: { limit: 50 } },
        }),
      ),
    [playbookId],
  );
  const items = (list.data as { items?: Schemas['ExerciseComparisonItem'][] } | undefined)?.items ?? [];
  return (
    <section aria-labelledby="cmp-h">
      <h2 id="cmp-h">Exercises of playbook {playbookId}</h2>
      <ErrorBanner error={list.error} />
      <table>
        <thead>
          <tr>
            <th>Exercise</th>
            <th>Started</th>
            <th>Status</th>
            <th>Playbook version</th>
            <th>Results</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={5}>None.</td>
            </tr>
          )}
          {items.map((x) => (
            <tr key={x.exerciseId}>
              <td>
                {x.exerciseId} {x.title}
              </td>
              <td>{when(x.startAt)}</td>
              <td>{x.status}</td>
              <td>{x.playbookVersion ?? '—'}</td>
              <td>
                <code>{x.results ? JSON.stringify(x.results) : '—'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
