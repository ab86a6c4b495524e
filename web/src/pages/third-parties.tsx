/** Third parties: list and register. */
import type { JSX } from 'preact';
import { api, type Schemas } from '../api/client';
import type { PageProps } from '../main';
import { ApiForm, clean, ErrorBanner, Field, PRIORITIES, run, Select, useLoad } from '../ui';

const TYPES = [
  'cloud_provider',
  'saas',
  'software_vendor',
  'hardware_vendor',
  'msp',
  'mssp',
  'telecom',
  'payment_processor',
  'data_processor',
  'consultant',
  'supplier',
  'partner',
  'other',
] as const;

export default function ThirdParties(_: PageProps): JSX.Element {
  const list = useLoad(() => run(api().GET('/third-parties', { params: { query: { limit: 100 } } })), []);
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
            </tr>
          ))}
        </tbody>
      </table>
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
