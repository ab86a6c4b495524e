/**
 * Inbound e-mail quarantine (docs/inbound-email.md): replies to an incident's reply address from a
 * sender who is not a known contact of a participating organization wait here for a coordinator to
 * accept (recorded as an inbound communication) or reject.
 */
import type { JSX } from 'preact';
import { api, type Schemas } from '../api/client';
import type { PageProps } from '../main';
import { ApiForm, clean, ErrorBanner, Field, run, useLoad, when } from '../ui';

export default function Inbound(_: PageProps): JSX.Element {
  const list = useLoad(
    () => run(api().GET('/inbound-email/quarantine', { params: { query: { limit: 100 } } })),
    [],
  );
  const items = (list.data as { items?: Schemas['InboundEmail'][] } | undefined)?.items ?? [];
  return (
    <>
      <h1>Inbound e-mail quarantine</h1>
      <ErrorBanner error={list.error} />
      {items.length === 0 && <p>None.</p>}
      {items.map((m) => (
        <article key={m.id} class="card" data-testid={`quarantined-${m.id}`}>
          <h2>
            {m.subject} — from {m.fromName ? `${m.fromName} <${m.from}>` : m.from}
          </h2>
          <p>
            To <a href={`#/incidents/${m.incidentId}`}>{m.incidentId}</a>, received {when(m.receivedAt)}; held
            because: {m.reason === 'unknown-sender' ? 'the sender is not a known contact' : 'SPF/DKIM failed'}
            {m.attachments.length ? `; ${m.attachments.length} attachment(s)` : ''}
          </p>
          <pre>{(m.text ?? '').slice(0, 2000)}</pre>
          <ApiForm
            label={`Accept ${m.id}`}
            button="Accept into the communications log"
            submit={(v) =>
              run(
                api().POST('/inbound-email/quarantine/{emailId}/accept', {
                  params: { path: { emailId: m.id } },
                  body: clean({ organizationId: v.str('organizationId'), note: v.str('note') }),
                }),
              )
            }
            onDone={list.reload}
          >
            {(err) => (
              <>
                <Field label="On behalf of organization (optional)" error={err('organizationId')}>
                  <input name="organizationId" />
                </Field>
                <Field label="Note" error={err('note')}>
                  <input name="note" />
                </Field>
              </>
            )}
          </ApiForm>
          <ApiForm
            label={`Reject ${m.id}`}
            button="Reject"
            submit={(v) =>
              run(
                api().POST('/inbound-email/quarantine/{emailId}/reject', {
                  params: { path: { emailId: m.id } },
                  body: clean({ note: v.str('note') }),
                }),
              )
            }
            onDone={list.reload}
          >
            {(err) => (
              <Field label="Why rejected" error={err('note')}>
                <input name="note" />
              </Field>
            )}
          </ApiForm>
        </article>
      ))}
    </>
  );
}
