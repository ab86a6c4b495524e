/**
 * The partner portal: a `partner` sees what the API lets it see (server-side scoping), acknowledges,
 * updates or declines its organization's coordinated actions and records inbound communications.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../api/client';
import type { PageProps } from '../main';
import { ApiForm, clean, ErrorBanner, Field, run, TlpMark, useLoad, when } from '../ui';
import { Review } from './incident-followup';

export default function Partner({ session }: PageProps): JSX.Element {
  const list = useLoad(() => run(api().GET('/incidents', { params: { query: { limit: 50 } } })), []);
  return (
    <>
      <h1>Partner portal{session.organization ? ` — ${session.organization}` : ''}</h1>
      <ErrorBanner error={list.error} />
      {(list.data?.items ?? []).length === 0 && <p>No incident is shared with your organization.</p>}
      {(list.data?.items ?? []).map((i) => (
        <PartnerIncident key={i.id} id={i.id} org={session.organization} />
      ))}
    </>
  );
}

function PartnerIncident({ id, org }: { id: string; org: string | undefined }): JSX.Element {
  const inc = useLoad(
    () => run(api().GET('/incidents/{incidentId}', { params: { path: { incidentId: id } } })),
    [id],
  );
  const [error, setError] = useState<Schemas['Error']>();
  if (!inc.data) return <ErrorBanner error={inc.error} />;
  const i = inc.data;
  const update = async (
    activationId: string,
    actionId: string,
    status: Schemas['UpdateCoordinatedAction']['status'],
    form?: HTMLFormElement,
  ): Promise<void> => {
    const reason = form ? String(new FormData(form).get('reason') ?? '').trim() : '';
    const r = await run(
      api().PATCH('/activations/{activationId}/actions/{actionId}', {
        params: { path: { activationId, actionId } },
        body: clean({ status, reason: reason || undefined }),
      }),
    );
    setError(r.ok ? undefined : r.error);
    if (r.ok) inc.reload();
  };
  return (
    <article class="card" data-testid={`partner-incident-${i.id}`} aria-labelledby={`pi-${i.id}`}>
      <h2 id={`pi-${i.id}`}>
        {i.id}: {i.title} <TlpMark tlp={i.tlp} />
      </h2>
      <p>
        Status {i.status} · priority {i.priority} · opened {when(i.createdAt)}
      </p>
      <ErrorBanner error={error} />
      <h3>Coordinated actions</h3>
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Description</th>
            <th>Responsible</th>
            <th>Status</th>
            <th>Update</th>
          </tr>
        </thead>
        <tbody>
          {(i.activations ?? []).every((a) => (a.actions ?? []).length === 0) && (
            <tr>
              <td colSpan={5}>None.</td>
            </tr>
          )}
          {(i.activations ?? []).flatMap((a) =>
            (a.actions ?? []).map((c) => {
              const mine =
                !org || c.responsibleOrganization === org || (c.supportingOrganizations ?? []).includes(org);
              return (
                <tr key={a.activationId + c.actionId}>
                  <td>{c.actionId}</td>
                  <td>{c.description}</td>
                  <td>{c.responsibleOrganization}</td>
                  <td data-testid={`partner-status-${c.actionId}`}>{c.status}</td>
                  <td>
                    {mine && (
                      <form
                        aria-label={`Update ${c.actionId}`}
                        onSubmit={(e) => {
                          e.preventDefault();
                          void update(
                            a.activationId,
                            c.actionId,
                            'declined',
                            e.currentTarget as HTMLFormElement,
                          );
                        }}
                      >
                        {c.status === 'pending' && (
                          <>
                            <button
                              type="button"
                              onClick={() => void update(a.activationId, c.actionId, 'acknowledged')}
                            >
                              Acknowledge {c.actionId}
                            </button>{' '}
                          </>
                        )}
                        <button
                          type="button"
                          onClick={() => void update(a.activationId, c.actionId, 'in_progress')}
                        >
                          In progress
                        </button>{' '}
                        <button
                          type="button"
                          onClick={() => void update(a.activationId, c.actionId, 'completed')}
                        >
                          Completed
                        </button>{' '}
                        <label>
                          Decline reason <input name="reason" />
                        </label>{' '}
                        <button type="submit">Decline</button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
      <h3>Communications</h3>
      <ul>
        {(i.communications ?? []).map((c) => (
          <li key={c.communicationId}>
            <TlpMark tlp={c.tlp} /> {c.communicationId} {c.direction}: {c.subject}
          </li>
        ))}
      </ul>
      <ApiForm
        label={`Record an inbound communication on ${i.id}`}
        button="Record inbound communication"
        submit={(v) =>
          run(
            api().POST('/incidents/{incidentId}/communications', {
              params: { path: { incidentId: i.id } },
              body: clean({
                type: v.str('type') ?? 'portal',
                direction: 'inbound' as const,
                subject: v.str('subject'),
                content: v.str('content'),
                sentTo: v.list('sentTo') ?? ['coordinator'],
              }),
            }),
          )
        }
        onDone={inc.reload}
      >
        {(err) => (
          <>
            <Field label="Type" error={err('type')}>
              <input name="type" defaultValue="portal" />
            </Field>
            <Field label="Subject" error={err('subject')}>
              <input name="subject" />
            </Field>
            <Field label="Message" error={err('content')}>
              <textarea name="content" rows={2} />
            </Field>
            <Field label="To" error={err('sentTo')}>
              <input name="sentTo" defaultValue="coordinator" />
            </Field>
          </>
        )}
      </ApiForm>
      <Review incidentId={i.id} partner />
    </article>
  );
}
