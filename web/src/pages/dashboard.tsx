/** The first page: open incidents by priority and status, overdue actions, clocks due, directory health, figures. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../api/client';
import type { PageProps } from '../main';
import { Bars, Countdown, ErrorBanner, PRIORITIES, run, TlpMark, useLoad } from '../ui';

type Summary = Schemas['IncidentSummary'];

async function allIncidents(): Promise<Summary[]> {
  const out: Summary[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const r = await run(
      api().GET('/incidents', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
    );
    if (!r.ok) throw r.error;
    out.push(...r.data.items);
    if (!r.data.nextCursor) break;
    cursor = r.data.nextCursor;
  }
  return out;
}

function minutes(from: string | undefined, to: string | undefined): number | undefined {
  if (!from || !to) return undefined;
  return (new Date(to).getTime() - new Date(from).getTime()) / 60_000;
}

function mean(xs: (number | undefined)[]): string {
  const v = xs.filter((x): x is number => x !== undefined && Number.isFinite(x));
  if (!v.length) return '—';
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return m >= 120 ? `${(m / 60).toFixed(1)} h` : `${Math.round(m)} min`;
}

export default function Dashboard(_: PageProps): JSX.Element {
  const [days, setDays] = useState(30);
  const incidents = useLoad(async () => {
    try {
      return { ok: true as const, data: await allIncidents() };
    } catch (error) {
      return { ok: false as const, error: error as Schemas['Error'], status: 0 };
    }
  }, []);
  const health = useLoad(() => run(api().GET('/directory/health')), []);
  const items = incidents.data ?? [];
  const open = items.filter((i) => i.status === 'open');
  const byPriority = Object.fromEntries(
    PRIORITIES.map((p) => [p, open.filter((i) => i.priority === p).length]),
  );
  const byStatus = { open: open.length, closed: items.length - open.length };
  const since = Date.now() - days * 86_400_000;
  const inPeriod = items.filter((i) => new Date(i.createdAt).getTime() >= since);
  const details = useLoad(async () => {
    // Bounded: the 25 most recent open incidents' details (overdue actions, obligation clocks).
    const ids = open.slice(0, 25).map((i) => i.id);
    const all = await Promise.all(
      ids.map((id) => run(api().GET('/incidents/{incidentId}', { params: { path: { incidentId: id } } }))),
    );
    return { ok: true as const, data: all.flatMap((r) => (r.ok ? [r.data] : [])) };
  }, [open.map((i) => i.id).join()]);
  const detailed = details.data ?? [];
  const overdue = detailed.flatMap((i) => (i.overdueActions ?? []).map((a) => ({ incident: i, action: a })));
  const clocks = detailed
    .flatMap((i) =>
      (i.obligations ?? []).flatMap((o) =>
        (o.clocks ?? []).flatMap((c) =>
          c.due && !c.submittedAt ? [{ incident: i, at: c.due, what: `${o.regime} ${c.name}` }] : [],
        ),
      ),
    )
    .filter((c) => new Date(c.at).getTime() - Date.now() < 86_400_000);
  const acked = new Map(detailed.map((d) => [d.id, d]));
  return (
    <>
      <h1>Dashboard</h1>
      <ErrorBanner error={incidents.error ?? health.error} />
      <div class="cards">
        <div class="card">
          <div>Open incidents</div>
          <div class="big">{open.length}</div>
        </div>
        <div class="card">
          <div>Overdue actions</div>
          <div class="big">{overdue.length}</div>
        </div>
        <div class="card">
          <div>Clocks due in 24 h</div>
          <div class="big">{clocks.length}</div>
        </div>
        <div class="card">
          <div>Stale / pending contacts</div>
          <div class="big">
            {health.data ? `${health.data.total.stale} / ${health.data.total.pending}` : '—'}
          </div>
        </div>
      </div>
      <div class="cards">
        <Bars title="Open incidents by priority" data={byPriority} />
        <Bars title="Incidents by status" data={byStatus} />
      </div>
      <section>
        <h2>Regulatory clocks due in the next 24 hours</h2>
        {clocks.length === 0 ? (
          <p>None.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Incident</th>
                <th>Obligation</th>
                <th>Due</th>
                <th>Countdown</th>
              </tr>
            </thead>
            <tbody>
              {clocks.map((c) => (
                <tr key={c.incident.id + c.what}>
                  <td>
                    <a href={`#/incidents/${c.incident.id}`}>{c.incident.id}</a>{' '}
                    <TlpMark tlp={c.incident.tlp} />
                  </td>
                  <td>{c.what}</td>
                  <td>{c.at}</td>
                  <td>
                    <Countdown to={c.at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>Overdue actions</h2>
        {overdue.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {overdue.map((o) => (
              <li key={o.incident.id + o.action}>
                <a href={`#/incidents/${o.incident.id}`}>{o.incident.id}</a> {o.action}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>Figures</h2>
        <label class="field">
          <span>Period</span>
          <select
            value={String(days)}
            onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}
          >
            <option value="7">last 7 days</option>
            <option value="30">last 30 days</option>
            <option value="90">last 90 days</option>
            <option value="365">last year</option>
          </select>
        </label>
        <table>
          <tbody>
            <tr>
              <th scope="row">Incidents opened</th>
              <td>{inPeriod.length}</td>
            </tr>
            <tr>
              <th scope="row">Mean time to acknowledge</th>
              <td>{mean(inPeriod.map((i) => minutes(i.createdAt, acked.get(i.id)?.acknowledgedAt)))}</td>
            </tr>
            <tr>
              <th scope="row">Mean time to closure</th>
              <td>
                {mean(
                  inPeriod.map((i) => minutes(i.createdAt, i.status === 'closed' ? i.updatedAt : undefined)),
                )}
              </td>
            </tr>
          </tbody>
        </table>
      </section>
    </>
  );
}
