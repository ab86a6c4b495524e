/** Incident list: the API's filters (status, priority, third party), text search on title/id, pagination. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { PageProps } from '../main';
import { ErrorBanner, PRIORITIES, run, useLoad, when } from '../ui';

export default function Incidents({ query }: PageProps): JSX.Element {
  const status = query.get('status') ?? '';
  const priority = query.get('priority') ?? '';
  const thirdParty = query.get('thirdParty') ?? '';
  const [cursors, setCursors] = useState<string[]>([]);
  const [text, setText] = useState('');
  const cursor = cursors[cursors.length - 1];
  const list = useLoad(
    () =>
      run(
        api().GET('/incidents', {
          params: {
            query: {
              limit: 25,
              ...(status ? { status: status as 'open' | 'closed' } : {}),
              ...(priority ? { priority: priority as 'high' } : {}),
              ...(thirdParty ? { thirdParty } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [status, priority, thirdParty, cursor],
  );
  const filter = (e: Event): void => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const q = new URLSearchParams();
    for (const k of ['status', 'priority', 'thirdParty']) {
      const v = f.get(k);
      if (typeof v === 'string' && v) q.set(k, v);
    }
    setCursors([]);
    window.location.hash = `#/incidents?${q}`;
  };
  const needle = text.trim().toLowerCase();
  const items = (list.data?.items ?? []).filter(
    (i) => !needle || i.id.toLowerCase().includes(needle) || i.title.toLowerCase().includes(needle),
  );
  return (
    <>
      <h1>Incidents</h1>
      <p>
        <a href="#/incidents/new">Open an incident</a>
      </p>
      <form class="api-form" aria-label="Filter incidents" onSubmit={filter}>
        <label class="field">
          <span>Status</span>
          <select name="status" value={status}>
            <option value="">any</option>
            <option value="open">open</option>
            <option value="closed">closed</option>
          </select>
        </label>
        <label class="field">
          <span>Priority</span>
          <select name="priority" value={priority}>
            <option value="">any</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Third party</span>
          <input name="thirdParty" value={thirdParty} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <label class="field">
        <span>Search title or id (this page)</span>
        <input type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      </label>
      <ErrorBanner error={list.error} />
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Title</th>
            <th>Status</th>
            <th>Priority</th>
            <th>Third parties</th>
            <th>Opened</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <td>
                <a href={`#/incidents/${i.id}`}>{i.id}</a>
              </td>
              <td>{i.title}</td>
              <td>{i.status}</td>
              <td class="priority">{i.priority}</td>
              <td>{(i.affectedThirdParties ?? []).join(', ')}</td>
              <td>{when(i.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Previous page
        </button>{' '}
        <button
          type="button"
          disabled={!list.data?.nextCursor}
          onClick={() => list.data?.nextCursor && setCursors([...cursors, list.data.nextCursor])}
        >
          Next page
        </button>
      </p>
    </>
  );
}
