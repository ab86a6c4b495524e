/**
 * The sharing ledger's answers (docs/sharing.md): a JSON page, or an export as CSV (RFC 4180) or
 * JSON lines, sent as text with its own content type.
 */
import type { LedgerEntry } from '../schemas/sharing.js';
import { ok, type Result } from './handler.js';

const CSV_COLUMNS = [
  'at',
  'channel',
  'incidentId',
  'organizationId',
  'recipient',
  'collectionId',
  'tlp',
  'agreement',
  'by',
  'objects',
  'entryId',
] as const;

const csvField = (v: string): string => {
  // Formula injection: a leading =, +, - or @ is neutralised for spreadsheet users.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The ledger as CSV (RFC 4180; objects as `id@version` separated by spaces) or JSON lines. */
export function ledgerText(items: readonly LedgerEntry[], format: 'csv' | 'jsonl'): string {
  if (format === 'jsonl') return items.map((e) => JSON.stringify(e)).join('\n') + (items.length ? '\n' : '');
  const rows = items.map((e) =>
    CSV_COLUMNS.map((c) =>
      csvField(
        c === 'objects'
          ? e.objects.map((o) => (o.version ? `${o.id}@${o.version}` : o.id)).join(' ')
          : String(e[c] ?? ''),
      ),
    ).join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

const TYPES = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson' } as const;

export function ledgerAnswer(
  read: { readonly items: LedgerEntry[]; readonly nextCursor: string | null },
  format: 'json' | 'csv' | 'jsonl',
): Result {
  if (format === 'json') return ok(read);
  return {
    status: 200,
    body: read,
    text: { contentType: TYPES[format], body: ledgerText(read.items, format) },
    headers: {
      'content-disposition': `attachment; filename="sharing-ledger.${format}"`,
      ...(read.nextCursor ? { 'x-next-cursor': read.nextCursor } : {}),
    },
  };
}
