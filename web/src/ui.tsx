/** Shared pieces: TLP 2.0 markings, API-backed forms whose errors sit next to their fields, loaders. */
import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type ApiError, asApiError } from './api/client';

export type Tlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';

/** FIRST TLP 2.0 colours: the label is written in the colour on a black background. */
const TLP_COLOURS: Record<Tlp, string> = {
  RED: '#FF2B2B',
  'AMBER+STRICT': '#FFC000',
  AMBER: '#FFC000',
  GREEN: '#33FF00',
  CLEAR: '#FFFFFF',
};

export function TlpMark({ tlp }: { tlp: string | undefined }): JSX.Element | null {
  if (!tlp) return null;
  const colour = TLP_COLOURS[tlp as Tlp] ?? '#FFFFFF';
  return (
    <span class="tlp" data-tlp={tlp} style={{ color: colour, background: '#000' }}>
      TLP:{tlp}
    </span>
  );
}

/** The answer of an openapi-fetch call, narrowed: data or an error envelope. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError; status: number };

export async function run<T>(
  p: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Result<T>> {
  const r = await p;
  if (r.response.ok) return { ok: true, data: r.data as T };
  return { ok: false, error: asApiError(r.error, r.response.status), status: r.response.status };
}

/** Loads on mount and on `reload()`. */
export function useLoad<T>(
  load: () => Promise<Result<T>>,
  deps: unknown[],
): { data: T | undefined; error: ApiError | undefined; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: ApiError }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((r) => {
      if (!live) return;
      setState(r.ok ? { data: r.data } : { error: r.error });
    });
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { data: state.data, error: state.error, reload: useCallback(() => setTick((t) => t + 1), []) };
}

export function ErrorBanner({ error }: { error: ApiError | undefined }): JSX.Element | null {
  if (!error) return null;
  const unplaced = error.error.details.filter((d) => !d.field.startsWith('body.'));
  return (
    <div class="error" role="alert">
      <strong>{error.error.code}</strong>: {error.error.message}
      {unplaced.length > 0 && (
        <ul>
          {unplaced.map((d) => (
            <li key={d.field + d.message}>
              {d.field}: {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

let ids = 0;

/**
 * A form posting to the API. Inputs are uncontrolled: a refused submit changes nothing the user
 * typed; each `error.details[]` whose field is `body.<name>` is shown next to that field.
 */
export function ApiForm(props: {
  label: string;
  submit: (values: FormValues) => Promise<Result<unknown>>;
  onDone?: (data: unknown) => void;
  children: (err: (name: string) => JSX.Element | null) => ComponentChildren;
  button?: string;
  keep?: boolean;
  /** A second button that posts the same form elsewhere (e.g. a preview): never resets the form. */
  secondary?: {
    label: string;
    submit: (values: FormValues) => Promise<Result<unknown>>;
    onDone?: (data: unknown) => void;
    onError?: () => void;
  };
}): JSX.Element {
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [id] = useState(() => `f${++ids}`);
  const err = (name: string): JSX.Element | null => {
    const msgs = error?.error.details.filter(
      (d) => d.field === `body.${name}` || d.field.startsWith(`body.${name}.`),
    );
    if (!msgs?.length) return null;
    return (
      <span class="field-error" id={`${id}-${name}-err`} role="alert">
        {msgs.map((d) => d.message).join('; ')}
      </span>
    );
  };
  const onSubmit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    setBusy(true);
    const r = await props.submit(new FormValues(form));
    setBusy(false);
    if (r.ok) {
      setError(undefined);
      if (!props.keep) form.reset();
      props.onDone?.(r.data);
    } else setError(r.error);
  };
  const onSecondary = async (e: Event): Promise<void> => {
    const form = (e.currentTarget as HTMLElement).closest('form') as HTMLFormElement;
    const second = props.secondary;
    if (!second) return;
    setBusy(true);
    const r = await second.submit(new FormValues(form));
    setBusy(false);
    if (r.ok) {
      setError(undefined);
      second.onDone?.(r.data);
    } else {
      setError(r.error);
      second.onError?.();
    }
  };
  return (
    <form aria-label={props.label} onSubmit={onSubmit} class="api-form">
      {props.children(err)}
      {error && (
        <div class="error" role="alert">
          <strong>{error.error.code}</strong>: {error.error.message}
          <ul>
            {error.error.details.map((d) => (
              <li key={d.field + d.message}>
                <code>{d.field}</code>: {d.message}
                {typeof d.contactId === 'string' && (
                  <span class="refused">
                    {' '}
                    — refused recipient {d.contactId}
                    {typeof d.organizationId === 'string' ? ` (${d.organizationId})` : ''}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.secondary && (
        <button type="button" disabled={busy} onClick={(e) => void onSecondary(e)}>
          {props.secondary.label}
        </button>
      )}{' '}
      <button type="submit" disabled={busy}>
        {props.button ?? props.label}
      </button>
    </form>
  );
}

/** Values of a form: empty fields are left out, so optional API fields stay absent. */
export class FormValues {
  private readonly data: FormData;
  constructor(readonly form: HTMLFormElement) {
    this.data = new FormData(form);
  }
  str(name: string): string | undefined {
    const v = this.data.get(name);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  }
  num(name: string): number | undefined {
    const v = this.str(name);
    return v === undefined ? undefined : Number(v);
  }
  list(name: string): string[] | undefined {
    const all = this.data.getAll(name).flatMap((v) => (typeof v === 'string' ? v.split(',') : []));
    const items = all.map((s) => s.trim()).filter(Boolean);
    return items.length ? items : undefined;
  }
  date(name: string): string | undefined {
    const v = this.str(name);
    return v === undefined ? undefined : new Date(v).toISOString();
  }
}

/** Drops undefined members (the API refuses unknown and empty values). */
export function clean<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function Field(props: {
  label: string;
  children: ComponentChildren;
  error?: JSX.Element | null;
}): JSX.Element {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in.
    <label class="field">
      <span>{props.label}</span>
      {props.children}
      {props.error}
    </label>
  );
}

/**
 * A choice whose `value` is the initial one only (an option `selected`): Preact writes a select's
 * `value` prop back into the DOM on every render, which would undo the user's choice whenever the
 * page re-renders while the form is being filled in.
 */
export function Select(props: {
  name: string;
  options: readonly string[];
  value?: string;
  empty?: boolean;
}): JSX.Element {
  return (
    <select name={props.name}>
      {props.empty && <option value="">—</option>}
      {props.options.map((o) => (
        <option key={o} value={o} selected={o === props.value}>
          {o}
        </option>
      ))}
    </select>
  );
}

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;

export function when(iso: string | undefined): string {
  return iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) : '—';
}

export function Countdown({ to }: { to: string }): JSX.Element {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const ms = new Date(to).getTime() - now;
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const text = `${h}h ${String(m).padStart(2, '0')}m ${String(s).padStart(2, '0')}s`;
  return (
    <time dateTime={to} class={ms < 0 ? 'late' : ''}>
      {ms < 0 ? `overdue by ${text}` : `in ${text}`}
    </time>
  );
}

/** A horizontal bar chart (inline SVG: no chart library), with the numbers as text for screen readers. */
export function Bars({ title, data }: { title: string; data: Record<string, number> }): JSX.Element {
  const entries = Object.entries(data);
  const max = Math.max(1, ...entries.map(([, v]) => v));
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-label={`${title}: ${entries.map(([k, v]) => `${k} ${v}`).join(', ')}`}
        width="320"
        height={entries.length * 24}
      >
        {entries.map(([k, v], i) => (
          <g key={k} transform={`translate(0 ${i * 24})`}>
            <text x="0" y="15" font-size="12" fill="#1b1b1b">
              {k}
            </text>
            <rect x="90" y="4" height="14" width={(v / max) * 190} fill="#0a5bd3" />
            <text x={96 + (v / max) * 190} y="15" font-size="12" fill="#1b1b1b">
              {v}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Offers `text` to the user as a file named `name` (CSV, STIX bundles …). */
export function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Which row's panel (an edit form, an item's detail) is open; toggling the open one closes it. */
export function useOpen(): [string | undefined, (id: string) => void] {
  const [open, setOpen] = useState<string>();
  return [open, (id) => setOpen((o) => (o === id ? undefined : id))];
}
