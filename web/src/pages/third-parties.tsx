/** Third parties: list, register, and edit (contacts, SLA requirements, data shared, systems accessed). */
import type { JSX } from 'preact';
import { AgreementUpdateList } from '../agreement-updates';
import { api, type Schemas } from '../api/client';
import { ENUMS } from '../enums';
import type { PageProps } from '../main';
import { type FieldSpec, RecordForm } from '../record-form';
import { ApiForm, clean, ErrorBanner, Field, PRIORITIES, run, Select, useLoad, useOpen } from '../ui';

const TYPES = ENUMS.thirdPartyType;

const EDIT_FIELDS: FieldSpec[] = [
  { name: 'name', label: 'Name' },
  { name: 'type', label: 'Type', kind: 'select', options: TYPES },
  { name: 'criticality', label: 'Criticality', kind: 'select', options: PRIORITIES },
  { name: 'contactInfo.email', label: 'General e-mail' },
  { name: 'contactInfo.phone', label: 'General phone' },
  { name: 'contactInfo.address', label: 'Postal address' },
  { name: 'contactInfo.website', label: 'Website' },
  { name: 'incidentContact.name', label: 'Incident contact name' },
  { name: 'incidentContact.title', label: 'Incident contact title' },
  { name: 'incidentContact.email', label: 'Incident contact e-mail' },
  { name: 'incidentContact.phone', label: 'Incident contact phone' },
  {
    name: 'escalationContacts',
    label: 'Escalation contacts (name | title | e-mail | phone, one a line)',
    kind: 'lines',
    columns: ['name', 'title', 'email', 'phone'],
  },
  { name: 'slaRequirements.notificationHours', label: 'SLA: notify us within (hours)', kind: 'number' },
  { name: 'slaRequirements.responseHours', label: 'SLA: respond within (hours)', kind: 'number' },
  { name: 'slaRequirements.resolutionHours', label: 'SLA: resolve within (hours)', kind: 'number' },
  { name: 'slaRequirements.availabilityPercent', label: 'SLA: availability (%)', kind: 'number' },
  { name: 'slaRequirements.notes', label: 'SLA notes', kind: 'textarea' },
  { name: 'dataShared', label: 'Data shared (comma separated)', kind: 'list' },
  { name: 'systemsAccessed', label: 'Systems accessed (comma separated)', kind: 'list' },
  { name: 'ownerContactId', label: 'Owner contact id (directory)', nullable: true },
  {
    name: 'escalationContactIds',
    label: 'Escalation contact ids (directory, comma separated)',
    kind: 'list',
  },
];

export default function ThirdParties(_: PageProps): JSX.Element {
  const list = useLoad(() => run(api().GET('/third-parties', { params: { query: { limit: 100 } } })), []);
  const [editing, toggle] = useOpen();
  const edited = (list.data?.items ?? []).find((t) => t.id === editing);
  return (
    <>
      <h1>Third parties</h1>
      <ErrorBanner error={list.error} />
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>Type</th>
            <th>Criticality</th>
            <th>Incidents</th>
            <th>Edit</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((t) => (
            <tr key={t.id}>
              <td>{t.id}</td>
              <td>{t.name}</td>
              <td>{t.type}</td>
              <td>{t.criticality}</td>
              <td>
                <a href={`#/incidents?thirdParty=${t.id}`}>{t.incidentCount ?? 0}</a>
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
          key={`${edited.id}-${edited.version}`}
          label={`Edit third party ${edited.id}`}
          button="Save third party"
          fields={EDIT_FIELDS}
          initial={edited as unknown as Record<string, unknown>}
          submit={(body) =>
            run(
              api().PATCH('/third-parties/{thirdPartyId}', {
                params: { path: { thirdPartyId: edited.id } },
                body: body as Schemas['UpdateThirdParty'],
              }),
            )
          }
          onDone={list.reload}
        />
      )}
      {edited && <ThirdPartyUpdates thirdPartyId={edited.id} />}
      <h2>Register a third party</h2>
      <ApiForm
        label="Register third party"
        submit={(v) =>
          run(
            api().POST('/third-parties', {
              body: clean({
                id: v.str('id'),
                name: v.str('name') ?? '',
                type: (v.str('type') ?? 'other') as Schemas['CreateThirdParty']['type'],
                criticality: v.str('criticality') as 'high' | undefined,
                contactInfo: v.str('email') ? { email: v.str('email') } : undefined,
              }) as Schemas['CreateThirdParty'],
            }),
          )
        }
        onDone={list.reload}
      >
        {(err) => (
          <>
            <Field label="Third party id" error={err('id')}>
              <input name="id" />
            </Field>
            <Field label="Name" error={err('name')}>
              <input name="name" />
            </Field>
            <Field label="Type" error={err('type')}>
              <Select name="type" options={TYPES} value="saas" />
            </Field>
            <Field label="Criticality" error={err('criticality')}>
              <Select name="criticality" options={PRIORITIES} value="medium" />
            </Field>
            <Field label="Email" error={err('contactInfo')}>
              <input name="email" type="email" />
            </Field>
          </>
        )}
      </ApiForm>
    </>
  );
}

/** The third party's agreement updates (raised by incidents, SLA breaches and exercise findings). */
function ThirdPartyUpdates({ thirdPartyId }: { thirdPartyId: string }): JSX.Element {
  const updates = useLoad(
    () =>
      run(
        api().GET('/organizations/{organizationId}/agreement-updates', {
          params: { path: { organizationId: thirdPartyId }, query: { limit: 100 } },
        }),
      ),
    [thirdPartyId],
  );
  return (
    <section aria-labelledby={`updates-h-${thirdPartyId}`}>
      <h2 id={`updates-h-${thirdPartyId}`}>Agreement updates of {thirdPartyId}</h2>
      <ErrorBanner error={updates.error} />
      <AgreementUpdateList items={updates.data?.items ?? []} onChanged={updates.reload} showSource />
    </section>
  );
}
