/** The console's create/edit forms (web/src/record-body.ts): what is sent for what was typed. */
import { describe, expect, it } from 'vitest';
import {
  type FieldSpec,
  formatValue,
  LocalError,
  parseValue,
  recordBody,
} from '../../web/src/record-body.js';

const CHANNELS: FieldSpec = {
  name: 'channels',
  label: 'Channels',
  kind: 'lines',
  columns: ['type', 'address', 'priority'],
};
const RULES: FieldSpec = {
  name: 'escalationRules',
  label: 'Rules',
  kind: 'lines',
  columns: ['level', 'contact', 'timeframe'],
  numeric: ['level'],
};
const FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Id', createOnly: true },
  { name: 'kind', label: 'Kind', readOnlyOnEdit: true },
  { name: 'name', label: 'Name' },
  { name: 'expiresAt', label: 'Expires', nullable: true },
  { name: 'alternates', label: 'Alternates', kind: 'list' },
  { name: 'days', label: 'Days', kind: 'number' },
  { name: 'when', label: 'When', kind: 'json' },
  { name: 'enabled', label: 'Enabled', kind: 'bool' },
  CHANNELS,
  { name: 'contactInfo.email', label: 'E-mail' },
  { name: 'contactInfo.phone', label: 'Phone' },
];
const typed = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('record form bodies', () => {
  it('lines and lists read back to the objects they show', () => {
    const channels = [
      { type: 'email', address: 'soc@x.example', priority: 'primary' },
      { type: 'sms', address: '+4930123', priority: 'backup' },
    ];
    const text = formatValue(CHANNELS, channels);
    expect(text).toBe('email | soc@x.example | primary\nsms | +4930123 | backup');
    expect(parseValue(CHANNELS, text)).toEqual(channels);
    expect(parseValue(RULES, '1 | CISO | PT1H\n\n2 | CEO | 1 day')).toEqual([
      { level: 1, contact: 'CISO', timeframe: 'PT1H' },
      { level: 2, contact: 'CEO', timeframe: '1 day' },
    ]);
    expect(parseValue({ name: 'a', label: 'a', kind: 'list' }, ' C-1, ,C-2 ')).toEqual(['C-1', 'C-2']);
  });

  it('create sends every filled field, nested ones as objects, and nothing empty', () => {
    const body = recordBody(
      FIELDS,
      typed({
        id: 'ORG-1',
        kind: 'isac',
        name: 'FS-ISAC',
        when: '{"priorityAtLeast":"high"}',
        enabled: 'true',
        'contactInfo.email': 'a@b.example',
      }),
    );
    expect(body).toEqual({
      id: 'ORG-1',
      kind: 'isac',
      name: 'FS-ISAC',
      when: { priorityAtLeast: 'high' },
      enabled: true,
      contactInfo: { email: 'a@b.example' },
    });
  });

  it('edit sends only what changed; an emptied nullable field is null; create-only and read-only fields never', () => {
    const initial = {
      id: 'ORG-1',
      kind: 'isac',
      name: 'FS-ISAC',
      expiresAt: '2027-01-01T00:00:00.000Z',
      alternates: ['C-1'],
      days: 90,
      when: { priorityAtLeast: 'high' },
      enabled: true,
      channels: [{ type: 'email', address: 'soc@x.example', priority: 'primary' }],
      contactInfo: { email: 'a@b.example', phone: '+4930' },
    };
    const unchanged: Record<string, string> = Object.fromEntries(
      FIELDS.map((f) => [
        f.name,
        formatValue(
          f,
          f.name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], initial),
        ),
      ]),
    );
    expect(() => recordBody(FIELDS, typed(unchanged), initial)).toThrow(LocalError);
    expect(
      recordBody(
        FIELDS,
        typed({ ...unchanged, id: 'X', kind: 'cert', name: 'FS ISAC', expiresAt: '' }),
        initial,
      ),
    ).toEqual({
      name: 'FS ISAC',
      expiresAt: null,
    });
    // One field of a nested object changed: the object is sent whole, as the API replaces it.
    expect(recordBody(FIELDS, typed({ ...unchanged, 'contactInfo.phone': '+4989' }), initial)).toEqual({
      contactInfo: { email: 'a@b.example', phone: '+4989' },
    });
    expect(recordBody(FIELDS, typed({ ...unchanged, enabled: 'false', days: '30' }), initial)).toEqual({
      enabled: false,
      days: 30,
    });
  });

  it('a JSON or number typo is a field error before anything is sent', () => {
    const error = (() => {
      try {
        recordBody(FIELDS, typed({ name: 'x', when: '{priorityAtLeast: high}' }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LocalError);
    expect((error as LocalError).field).toBe('when');
    expect(() => recordBody(FIELDS, typed({ days: 'ninety' }))).toThrow(/number/);
  });
});
