/**
 * A create or edit form for a directory record, described by its fields: the same component for
 * organizations, agreements, contacts, third parties, templates, channels, playbooks, escalation
 * policies and triggers. Editing sends only the fields the user changed (a PATCH of an unchanged
 * field could restart a verification or create a template version for nothing); a field emptied on
 * edit is sent as `null` where the API clears it that way, and left alone otherwise.
 *
 * Structured fields have a text form a person can type: `list` is comma separated, `lines` is one
 * row a line with `|` between columns (e.g. a contact's channels `email | soc@x.example | primary`),
 * `json` is JSON for the few nested settings (escalation levels, trigger conditions) — a JSON syntax
 * error is shown next to its field without calling the API. Errors from the API land next to the
 * field they name, as in every form of the console.
 */
import type { JSX } from 'preact';
import type { ApiError } from './api/client';
import { type FieldSpec, formatValue, LocalError, recordBody, valueAt } from './record-body';
import { ApiForm, Field, type FormValues, type Result } from './ui';

export type { FieldSpec } from './record-body';

type Values = Record<string, unknown>;

function localError(e: LocalError): { ok: false; error: ApiError; status: number } {
  return {
    ok: false,
    status: 400,
    error: {
      error: {
        code: 'VALIDATION_ERROR',
        message: e.field ? `${e.field} ${e.message}` : e.message,
        details: e.field ? [{ field: `body.${e.field}`, message: e.message }] : [],
      },
    },
  };
}

export function RecordForm(props: {
  label: string;
  fields: readonly FieldSpec[];
  /** The record being edited; absent: a create form. */
  initial?: Values;
  submit: (body: Values) => Promise<Result<unknown>>;
  onDone?: (data: unknown) => void;
  button?: string;
}): JSX.Element {
  const editing = props.initial !== undefined;
  const visible = props.fields.filter((f) => !(editing && f.createOnly));
  const submit = async (v: FormValues): Promise<Result<unknown>> => {
    const data = new FormData(v.form);
    const text = (name: string): string => {
      const spec = props.fields.find((f) => f.name === name);
      if (spec?.kind === 'bool') return data.get(name) === 'on' ? 'true' : 'false';
      const x = data.get(name);
      return typeof x === 'string' ? x : '';
    };
    let body: Values;
    try {
      body = recordBody(props.fields, text, props.initial);
    } catch (e) {
      if (e instanceof LocalError) return localError(e);
      throw e;
    }
    return props.submit(body);
  };
  return (
    <ApiForm
      label={props.label}
      keep={editing}
      submit={submit}
      {...(props.onDone ? { onDone: props.onDone } : {})}
      {...(props.button ? { button: props.button } : {})}
    >
      {(err) => (
        <>
          {visible.map((f) => {
            const value = formatValue(f, valueAt(props.initial, f.name));
            const disabled = editing && f.readOnlyOnEdit;
            return (
              <Field key={f.name} label={f.label} error={err(f.name)}>
                {control(f, value, disabled === true)}
              </Field>
            );
          })}
        </>
      )}
    </ApiForm>
  );
}

/**
 * The initial value is a default, never a bound value: Preact writes a `value` prop back into the
 * DOM on every render, which would undo a choice whenever the page re-renders (a list loading).
 */
function control(f: FieldSpec, value: string, disabled: boolean): JSX.Element {
  const common = { name: f.name, disabled, ...(f.placeholder ? { placeholder: f.placeholder } : {}) };
  switch (f.kind) {
    case 'select':
      return (
        <select {...common}>
          <option value="">—</option>
          {(f.options ?? []).map((o) => (
            <option key={o} value={o} selected={o === value}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'bool':
      return <input {...common} type="checkbox" defaultChecked={value === 'true'} />;
    case 'yesno':
      return (
        <select {...common}>
          <option value="">—</option>
          <option value="true" selected={value === 'true'}>
            yes
          </option>
          <option value="false" selected={value === 'false'}>
            no
          </option>
        </select>
      );
    case 'textarea':
    case 'lines':
    case 'json':
      return (
        <textarea
          {...common}
          defaultValue={value}
          rows={Math.min(12, Math.max(3, value.split('\n').length + 1))}
          cols={60}
        />
      );
    default:
      return <input {...common} defaultValue={value} size={f.kind === 'number' ? 8 : 30} />;
  }
}
