/** Create an incident, or edit one (PATCH /incidents/{id}: title, description, severity, category, third parties). */
import type { JSX } from 'preact';
import { api, type Schemas } from '../api/client';
import type { PageProps } from '../main';
import { ApiForm, clean, ErrorBanner, Field, PRIORITIES, run, Select, TLPS, useLoad } from '../ui';

export default function IncidentForm({ params }: PageProps): JSX.Element {
  const id = params.id;
  const existing = useLoad<Schemas['IncidentDetail'] | undefined>(
    async () =>
      id
        ? run(api().GET('/incidents/{incidentId}', { params: { path: { incidentId: id } } }))
        : { ok: true, data: undefined },
    [id],
  );
  if (id && !existing.data) return <ErrorBanner error={existing.error} />;
  const inc = existing.data as Schemas['IncidentDetail'] | undefined;
  return (
    <>
      <h1>{inc ? `Edit ${inc.id}` : 'Open an incident'}</h1>
      <ApiForm
        label={inc ? 'Save incident' : 'Open incident'}
        keep
        submit={(v) => {
          const body = clean({
            title: v.str('title'),
            description: v.str('description'),
            severity: v.str('severity') as Schemas['CreateIncident']['severity'],
            category: v.str('category'),
            affectedThirdParties: v.list('affectedThirdParties') ?? (inc ? [] : undefined),
          });
          if (inc) {
            // Only what changed; third parties as additions and removals.
            const before = inc.affectedThirdParties ?? [];
            const after = body.affectedThirdParties ?? [];
            const add = after.filter((t) => !before.includes(t));
            const remove = before.filter((t) => !after.includes(t));
            return run(
              api().PATCH('/incidents/{incidentId}', {
                params: { path: { incidentId: inc.id } },
                body: clean({
                  title: body.title !== inc.title ? body.title : undefined,
                  description: body.description !== inc.description ? body.description : undefined,
                  severity: body.severity !== inc.severity ? body.severity : undefined,
                  category: body.category !== inc.category ? body.category : undefined,
                  addThirdParties: add.length ? add : undefined,
                  removeThirdParties: remove.length ? remove : undefined,
                }),
              }),
            );
          }
          return run(
            api().POST('/incidents', {
              body: clean({
                ...body,
                id: v.str('id'),
                tlp: v.str('tlp') as Schemas['CreateIncident']['tlp'],
                discoveredBy: v.str('discoveredBy'),
              }) as Schemas['CreateIncident'],
            }),
          );
        }}
        onDone={(d) => {
          window.location.hash = `#/incidents/${(d as { id: string }).id}`;
        }}
      >
        {(err) => (
          <>
            {!inc && (
              <Field label="Id (optional)" error={err('id')}>
                <input name="id" />
              </Field>
            )}
            <Field label="Title" error={err('title')}>
              <input name="title" defaultValue={inc?.title} size={50} />
            </Field>
            <Field label="Description" error={err('description')}>
              <textarea name="description" rows={3} cols={50} value={inc?.description} />
            </Field>
            <Field label="Severity" error={err('severity')}>
              <Select name="severity" options={PRIORITIES} value={inc?.severity ?? 'medium'} />
            </Field>
            <Field label="Category" error={err('category')}>
              <input name="category" defaultValue={inc?.category} placeholder="data_breach" />
            </Field>
            <Field label="Affected third parties (comma separated)" error={err('affectedThirdParties')}>
              <input name="affectedThirdParties" defaultValue={inc?.affectedThirdParties?.join(', ')} />
            </Field>
            {!inc && (
              <>
                <Field label="TLP" error={err('tlp')}>
                  <Select name="tlp" options={TLPS} value="AMBER" />
                </Field>
                <Field label="Discovered by" error={err('discoveredBy')}>
                  <input name="discoveredBy" />
                </Field>
              </>
            )}
          </>
        )}
      </ApiForm>
    </>
  );
}
