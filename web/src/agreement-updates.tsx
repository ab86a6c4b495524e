/**
 * A list of agreement updates (contract update items, docs/agreements.md) with a status control on
 * each: the incident's follow-up section, the exercise report and the third party's record all show
 * the same list, so an update raised anywhere can be moved through to "signed" where it is seen.
 * The API refuses a transition it does not allow (409 INVALID_TRANSITION), shown in the banner.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { type ApiError, api, type Schemas } from './api/client';
import { ENUMS } from './enums';
import { ErrorBanner, run, when } from './ui';

type AgreementUpdate = Schemas['AgreementUpdate'];
type Status = (typeof ENUMS.agreementUpdateStatus)[number];

export function AgreementUpdateList({
  items,
  onChanged,
  showSource = false,
}: {
  items: readonly AgreementUpdate[];
  onChanged: () => void;
  /** Name what raised each update (the third party's list mixes incidents and exercises). */
  showSource?: boolean;
}): JSX.Element {
  const [error, setError] = useState<ApiError | undefined>(undefined);
  return (
    <>
      <ErrorBanner error={error} />
      <ul>
        {items.length === 0 && <li>None.</li>}
        {items.map((u) => (
          <li key={u.id}>
            {u.id} {u.organizationId} <code>{u.topic}</code>: {u.proposedChange} — {u.owner}, due{' '}
            {when(u.dueDate)}
            {showSource && (
              <>
                {' '}
                (from {u.source.kind} {u.source.id}
                {u.findingId ? ` ${u.findingId}` : ''})
              </>
            )}
            , <strong data-testid={`update-status-${u.id}`}>{u.status}</strong>{' '}
            <label>
              <span class="sr-only">Status of {u.id}</span>
              <select
                aria-label={`Status of ${u.id}`}
                value={u.status}
                onChange={async (e) => {
                  const select = e.target as HTMLSelectElement;
                  const status = select.value as Status;
                  const r = await run(
                    api().PATCH('/agreement-updates/{updateId}', {
                      params: { path: { updateId: u.id } },
                      body: { status },
                    }),
                  );
                  setError(r.ok ? undefined : r.error);
                  // Refused: the control shows the stored status again (its value prop did not change).
                  if (!r.ok) select.value = u.status;
                  onChanged();
                }}
              >
                {ENUMS.agreementUpdateStatus.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}
