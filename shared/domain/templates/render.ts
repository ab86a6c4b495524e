/**
 * Template rendering (pure) with Mustache, a logic-less template language, made strict: a
 * placeholder that does not resolve (absent, null or empty) is an error naming it, never an empty
 * string. Sections (`{{#impact}}…{{/impact}}`) stay the logic-less way to write optional parts: a
 * section over a missing value is skipped, an inverted section (`{{^impact}}…{{/impact}}`) shown.
 * Partials are refused. Values are inserted verbatim (no HTML escaping): messages go to e-mail
 * subjects, SMS and JSON webhooks, not to HTML pages.
 */
import Mustache from 'mustache';
import { type ErrorDetail, ValidationError } from '../../errors.js';
import type { Incident } from '../../schemas/incidents.js';

type Tokens = ReturnType<typeof Mustache.parse>;
type View = Record<string, unknown>;

export interface TemplateText {
  readonly subject: string;
  readonly body: string;
}

const PARTS = ['subject', 'body'] as const;

/** Mustache's lookup of `a.b.c` (or `.`) through the context stack, innermost first. */
function lookup(stack: readonly unknown[], name: string): unknown {
  if (name === '.') return stack[stack.length - 1];
  const [first, ...rest] = name.split('.');
  for (let i = stack.length - 1; i >= 0; i--) {
    const ctx = stack[i];
    if (ctx !== null && typeof ctx === 'object' && Object.hasOwn(ctx, first as string)) {
      let value: unknown = (ctx as View)[first as string];
      for (const part of rest) {
        value = value !== null && typeof value === 'object' ? (value as View)[part] : undefined;
      }
      return value;
    }
  }
  return undefined;
}

const isMissing = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Placeholder names that would render empty with `view`, and partials (never allowed). */
function problems(
  tokens: Tokens,
  stack: readonly unknown[],
  out: { missing: Set<string>; partials: Set<string> },
) {
  for (const token of tokens) {
    const [type, name] = token;
    if (type === 'name' || type === '&') {
      if (isMissing(lookup(stack, name))) out.missing.add(name);
    } else if (type === '>') {
      out.partials.add(name);
    } else if (type === '#' || type === '^') {
      const children = (token[4] ?? []) as Tokens;
      const value = lookup(stack, name);
      const falsy = isMissing(value) || value === false;
      if (type === '^') {
        if (falsy) problems(children, stack, out);
      } else if (!falsy) {
        const items = Array.isArray(value) ? value : [value];
        for (const item of items)
          problems(children, typeof item === 'object' ? [...stack, item] : stack, out);
      }
    }
  }
}

function parse(text: string, field: string): Tokens {
  try {
    return Mustache.parse(text);
  } catch (error) {
    throw new ValidationError(`Invalid template ${field}`, [
      { field, message: error instanceof Error ? error.message : 'not a valid Mustache template' },
    ]);
  }
}

/** Every problem of each part against `view`, as field details (`<prefix>.subject`, …). */
export function templateProblems(template: TemplateText, view: View, prefix: string): ErrorDetail[] {
  return PARTS.flatMap((part) => {
    const field = `${prefix}.${part}`;
    const out = { missing: new Set<string>(), partials: new Set<string>() };
    problems(parse(template[part], field), [view], out);
    return [
      ...[...out.missing].map((name) => ({
        field,
        message: `placeholder {{${name}}} has no value`,
        placeholder: name,
      })),
      ...[...out.partials].map((name) => ({ field, message: `partials are not supported ({{> ${name}}})` })),
    ];
  });
}

/**
 * Renders subject and body; a placeholder without a value is a ValidationError naming each one.
 * `field` is where the request names the template (`path.templateId`, `body.templateId`); each
 * detail says which `part` (subject, body) of the stored template lacks the value.
 */
export function renderTemplate(template: TemplateText, view: View, field = 'template'): TemplateText {
  const details: ErrorDetail[] = templateProblems(template, view, 'template').map((d) => ({
    ...d,
    field,
    part: d.field.slice('template.'.length),
  }));
  if (details.length > 0) {
    const names = details.flatMap((d) => (d.placeholder ? [`{{${d.placeholder}}}`] : []));
    throw new ValidationError(
      names.length > 0
        ? `Missing values for ${[...new Set(names)].join(', ')}`
        : `Invalid template: ${details.map((d) => d.message).join('; ')}`,
      details,
    );
  }
  const options = { escape: (value: unknown) => String(value) };
  return {
    subject: Mustache.render(template.subject, view, {}, options),
    body: Mustache.render(template.body, view, {}, options),
  };
}

/** Placeholder names used anywhere in a text (sections included), for display. */
export function placeholdersOf(text: string): string[] {
  const names = new Set<string>();
  const walk = (tokens: Tokens) => {
    for (const token of tokens) {
      const [type, name] = token;
      if (['name', '&', '{', '#', '^'].includes(type) && name !== '.') names.add(name);
      if (type === '#' || type === '^') walk((token[4] ?? []) as Tokens);
    }
  };
  walk(parse(text, 'template'));
  return [...names].sort();
}

const list = (xs: readonly string[] | undefined) => (xs && xs.length > 0 ? xs.join(', ') : undefined);

/**
 * The values a template may use, from an incident: `{{id}}`, `{{title}}`, `{{severity}}`,
 * `{{priority}}`, `{{status}}`, `{{category}}`, `{{description}}`, `{{discoveryDate}}`,
 * `{{discoveredBy}}`, `{{createdAt}}`, `{{affectedThirdParties}}` (comma-separated),
 * `{{affectedThirdPartyCount}}`, `{{closureDate}}`, and `{{impact.*}}` once assessed
 * (businessImpact, financialImpact, reputationImpact, regulatoryImpact, customersAffected,
 * dataCompromised, systemsAffected, estimatedDowntime, recoveryTime, impactFactors, assessedAt).
 * Absent values stay absent, so a template using them fails instead of printing nothing.
 */
export function templateView(incident: Incident): View {
  const a = incident.impactAssessment;
  const defined = (o: View) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return defined({
    id: incident.id,
    title: incident.title,
    description: incident.description,
    severity: incident.severity,
    priority: incident.priority,
    status: incident.status,
    category: incident.category,
    discoveryDate: incident.discoveryDate,
    discoveredBy: incident.discoveredBy,
    createdAt: incident.createdAt,
    closureDate: incident.closureDate,
    affectedThirdParties: list(incident.affectedThirdParties),
    affectedThirdPartyCount: incident.affectedThirdParties.length,
    impact: a
      ? defined({
          businessImpact: a.businessImpact,
          financialImpact: a.financialImpact,
          reputationImpact: a.reputationImpact,
          regulatoryImpact: a.regulatoryImpact,
          customersAffected: a.customersAffected,
          dataCompromised: list(a.dataCompromised),
          systemsAffected: list(a.systemsAffected),
          estimatedDowntime: a.estimatedDowntime,
          recoveryTime: a.recoveryTime,
          impactFactors: a.impactFactors,
          assessedAt: a.assessedAt,
        })
      : undefined,
  });
}

/** An incident with every field set: a template that fails against it uses an unknown placeholder. */
export const FULL_VIEW: View = templateView({
  id: 'INC-1',
  title: 't',
  description: 'd',
  severity: 'high',
  priority: 'high',
  status: 'open',
  category: 'c',
  discoveryDate: 'x',
  discoveredBy: 'x',
  createdAt: 'x',
  updatedAt: 'x',
  createdBy: 'x',
  closureDate: 'x',
  affectedThirdParties: ['TP-1'],
  version: 1,
  impactAssessment: {
    businessImpact: 'high',
    financialImpact: 1,
    reputationImpact: 'minor',
    regulatoryImpact: 'minor',
    customersAffected: 1,
    dataCompromised: ['x'],
    systemsAffected: ['x'],
    estimatedDowntime: 1,
    recoveryTime: 1,
    impactFactors: 1,
    assessedAt: 'x',
    assessedBy: 'x',
  },
} as Incident);
