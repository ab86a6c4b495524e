/**
 * The first page, from one read (`GET /dashboard`, bounded server-side): open incidents by priority
 * and status, overdue actions, regulatory clocks due within 24 h (live countdowns), directory health,
 * and the response metrics over the chosen period.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { PageProps } from '../main';
import { Bars, Countdown, ErrorBanner, PRIORITIES, run, useLoad, when } from '../ui';

/** A median in minutes, as people read it. */
function duration(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '—';
  if (m >= 2880) return `${(m / 1440).toFixed(1)} days`;
  if (m >= 120) return `${(m / 60).toFixed(1)} h`;
  return `${Math.round(m)} min`;
}

const PERIODS = [
  ['7', 'last 7 days'],
  ['30', 'last 30 days'],
  ['90', 'last 90 days'],
  ['365', 'last year'],
] as const;

export default function Dashboard(_: PageProps): JSX.Element {
  const [days, setDays] = useState(30);
  const dashboard = useLoad(() => {
    const to = new Date();
    const from = new Date(to.getTime() - days * 86_400_000);
    return run(
      api().GET('/dashboard', { params: { query: { from: from.toISOString(), to: to.toISOString() } } }),
    );
  }, [days]);
  const d = dashboard.data;
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, d?.openByPriority[p] ?? 0]));
  const open = PRIORITIES.reduce((n, p) => n + (d?.openByPriority[p] ?? 0), 0);
  const overdue = d?.overdueActions ?? [];
  const clocks = d?.clocksDue ?? [];
  return (
    <>
      <h1>Dashboard</h1>
      <ErrorBanner error={dashboard.error} />
      {d?.truncated && (
        <p class="note" role="status">
          More than 25 incidents are open or were opened in the period: the lists and figures cover the 25
          most recent.
        </p>
      )}
      <div class="cards">
        <div class="card">
          <div>Open incidents</div>
          <div class="big" data-testid="dash-open">
            {d ? open : '—'}
          </div>
        </div>
        <div class="card">
          <div>Overdue actions</div>
          <div class="big" data-testid="dash-overdue">
            {d ? overdue.length : '—'}
          </div>
        </div>
        <div class="card">
          <div>Clocks due in 24 h</div>
          <div class="big" data-testid="dash-clocks">
            {d ? clocks.length : '—'}
          </div>
        </div>
        <div class="card">
          <div>Stale / pending contacts</div>
          <div class="big" data-testid="dash-health">
            {d ? `${d.directoryHealth.stale} / ${d.directoryHealth.pending}` : '—'}
          </div>
        </div>
      </div>
      <div class="cards">
        <Bars title="Open incidents by priority" data={byPriority} />
        <Bars
          title="Incidents by status"
          data={
            d
              ? {
                  open: d.openByStatus.open ?? 0,
                  'opened (period)': d.openByStatus.openedInPeriod ?? 0,
                  'closed (period)': d.openByStatus.closedOfPeriod ?? 0,
                }
              : {}
          }
        />
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
                <tr key={`${c.incidentId}/${c.obligationId}/${c.clock}`}>
                  <td>
                    <a href={`#/incidents/${c.incidentId}`}>{c.incidentId}</a>
                  </td>
                  <td>
                    {c.regime} {c.clock} ({c.obligationId})
                  </td>
                  <td>{when(c.dueAt)}</td>
                  <td>
                    <Countdown to={c.dueAt} />
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
          <table>
            <thead>
              <tr>
                <th>Incident</th>
                <th>Action</th>
                <th>Status</th>
                <th>Was due</th>
              </tr>
            </thead>
            <tbody>
              {overdue.map((a) => (
                <tr key={`${a.incidentId}/${a.actionId}`}>
                  <td>
                    <a href={`#/incidents/${a.incidentId}`}>{a.incidentId}</a>
                  </td>
                  <td>
                    {a.actionId} {a.description}
                  </td>
                  <td>{a.status}</td>
                  <td>
                    <Countdown to={a.dueDate} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
            {PERIODS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {d && (
          <p>
            From {when(d.period.from)} to {when(d.period.to)} (UTC), medians.
          </p>
        )}
        <table>
          <tbody>
            <tr>
              <th scope="row">Incidents opened</th>
              <td data-testid="metric-incidents">{d ? d.metrics.incidents : '—'}</td>
            </tr>
            <tr>
              <th scope="row">Time to first communication</th>
              <td data-testid="metric-mtta">{duration(d?.metrics.mttaMinutes)}</td>
            </tr>
            <tr>
              <th scope="row">Time to containment (first completed action)</th>
              <td data-testid="metric-containment">{duration(d?.metrics.timeToContainmentMinutes)}</td>
            </tr>
            <tr>
              <th scope="row">Time to closure</th>
              <td data-testid="metric-closure">{duration(d?.metrics.timeToClosureMinutes)}</td>
            </tr>
          </tbody>
        </table>
      </section>
    </>
  );
}
