/**
 * The small public HTML pages behind the links Liaison sends (verification, acknowledgement):
 * self-contained (inline style, no script, no external asset), a strict Content-Security-Policy,
 * never framed, never cached, no referrer. A page shows what a POST would confirm and a button that
 * POSTs the form to the same URL; GET never consumes a token (link scanners pre-fetch links).
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { header } from './request.js';

export const HTML_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; form-action 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;.*)?$/i;

/** A form submission (`application/x-www-form-urlencoded`). */
export const isFormSubmission = (event: APIGatewayProxyEventV2): boolean =>
  FORM_TYPE.test((header(event, 'content-type') ?? '').trim());

/** The caller wants HTML: it accepts `text/html` (a browser) or submitted the page's form. */
export const wantsHtml = (event: APIGatewayProxyEventV2): boolean =>
  isFormSubmission(event) || /\btext\/html\b/i.test(header(event, 'accept') ?? '');

export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export interface PageContent {
  readonly title: string;
  /** Plain-text paragraphs (escaped here). */
  readonly paragraphs: readonly string[];
  /** A POST form to the page's own URL. */
  readonly form?: {
    readonly button: string;
    /** An optional free-text field (e.g. `note`, `comment`). */
    readonly field?: { readonly name: string; readonly label: string; readonly maxLength: number };
  };
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}' +
  'h1{font-size:1.4rem}button{font-size:1rem;padding:.6rem 1.2rem;cursor:pointer}' +
  'textarea{width:100%;min-height:4rem}label{display:block;margin:1rem 0 .3rem}';

export function renderPage(content: PageContent): string {
  const paragraphs = content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const field = content.form?.field
    ? `<label for="${content.form.field.name}">${escapeHtml(content.form.field.label)}</label>` +
      `<textarea id="${content.form.field.name}" name="${content.form.field.name}" maxlength="${content.form.field.maxLength}"></textarea>\n`
    : '';
  const form = content.form
    ? `<form method="post">\n${field}<p><button type="submit">${escapeHtml(content.form.button)}</button></p>\n</form>`
    : '';
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(content.title)} – Liaison</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(content.title)}</h1>`,
    paragraphs,
    form,
    '</body></html>',
  ].join('\n');
}

export function htmlResponse(status: number, html: string): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: { ...HTML_HEADERS }, body: html };
}

const ERROR_TITLES: Record<string, string> = {
  ACK_TOKEN_USED: 'This link was already used',
  ACK_TOKEN_EXPIRED: 'This link has expired',
  VERIFICATION_TOKEN_USED: 'This link was already used',
  VERIFICATION_TOKEN_EXPIRED: 'This link has expired',
  VERIFICATION_TOKEN_SUPERSEDED: 'This link was replaced',
  TOO_MANY_ATTEMPTS: 'Too many attempts',
};

/** A JSON error answer (of `errorResponse`) as an HTML page with the same status. */
export function htmlError(res: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  const status = res.statusCode ?? 500;
  let code = 'INTERNAL';
  let message = 'Something went wrong; please try again later.';
  try {
    const parsed = JSON.parse(String(res.body)) as { error?: { code?: string; message?: string } };
    code = parsed.error?.code ?? code;
    if (status < 500 && parsed.error?.message) message = parsed.error.message;
  } catch {
    // keep the defaults
  }
  const title =
    ERROR_TITLES[code] ?? (status === 404 ? 'Unknown link' : 'This request could not be completed');
  const extra = Object.fromEntries(
    Object.entries(res.headers ?? {}).filter(([k]) => k.toLowerCase() === 'retry-after'),
  ) as Record<string, string>;
  return {
    statusCode: status,
    headers: { ...HTML_HEADERS, ...extra },
    body: renderPage({ title, paragraphs: [message, `(${status} ${code})`] }),
  };
}
