/** The post-incident report: metrics and recommendations, downloadable as CSV and printable. */
import type { JSX } from 'preact';
import { api, type Schemas } from '../api/client';
import type { PageProps } from '../main';
import { ErrorBanner, run, saveFile, TlpMark, useLoad, when } from '../ui';

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** section,key,value rows: every scalar of the report, then one row per recommendation and lesson. */
export function reportCsv(r: Schemas['IncidentReport']): string {
  const rows: unknown[][] = [['section', 'key', 'value']];
  for (const k of [
    'incidentId',
    'title',
    'status',
    'severity',
    'priority',
    'category',
    'discoveryDate',
    'closureDate',
    'generatedAt',
  ] as const) {
    rows.push(['incident', k, r[k]]);
  }
  rows.push(['incident', 'affectedThirdParties', (r.affectedThirdParties ?? []).join(' ')]);
  rows.push(['incident', 'duration', r.duration?.iso8601]);
  for (const [k, v] of Object.entries(r.responseMetrics ?? {})) rows.push(['responseMetrics', k, v]);
  for (const [k, v] of Object.entries(r.communicationMetrics ?? {}))
    rows.push(['communicationMetrics', k, v]);
  for (const rec of r.recommendations ?? [])
    rows.push(['recommendation', `${rec.priority} ${rec.type}`, rec.description]);
  for (const l of r.lessonsLearned ?? []) rows.push(['lesson', l.category ?? '', l.lesson]);
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export default function Report({ params }: PageProps): JSX.Element {
  const id = params.id ?? '';
  const report = useLoad(
    () => run(api().GET('/incidents/{incidentId}/report', { params: { path: { incidentId: id } } })),
    [id],
  );
  const inc = useLoad(
    () => run(api().GET('/incidents/{incidentId}', { params: { path: { incidentId: id } } })),
    [id],
  );
  if (!report.data) return <ErrorBanner error={report.error} />;
  const r = report.data;
  const download = (): void => {
    saveFile(`${r.incidentId}-report.csv`, reportCsv(r), 'text/csv');
  };
  return (
    <>
      <h1>
        Report {r.incidentId}: {r.title} <TlpMark tlp={inc.data?.tlp} />
      </h1>
      <p>
        <a href={`#/incidents/${r.incidentId}`}>Back to the incident</a>{' '}
        <button type="button" onClick={download}>
          Download CSV
        </button>{' '}
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </p>
      <table data-testid="report">
        <tbody>
          <tr>
            <th scope="row">Status</th>
            <td>{r.status}</td>
          </tr>
          <tr>
            <th scope="row">Priority / severity</th>
            <td>
              {r.priority} / {r.severity}
            </td>
          </tr>
          <tr>
            <th scope="row">Discovered / closed</th>
            <td>
              {when(r.discoveryDate)} / {when(r.closureDate)}
            </td>
          </tr>
          <tr>
            <th scope="row">Duration</th>
            <td>{r.duration?.iso8601}</td>
          </tr>
          {Object.entries(r.responseMetrics ?? {}).map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{String(v)}</td>
            </tr>
          ))}
          {Object.entries(r.communicationMetrics ?? {}).map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{String(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Recommendations</h2>
      <ul>
        {(r.recommendations ?? []).map((rec) => (
          <li key={rec.description}>
            <strong>{rec.priority}</strong> {rec.type}: {rec.description}
          </li>
        ))}
      </ul>
      <h2>Lessons learned</h2>
      <ul>
        {(r.lessonsLearned ?? []).map((l) => (
          <li key={l.lessonId}>{l.lesson}</li>
        ))}
      </ul>
    </>
  );
}
