/**
 * Reminders (docs/reminders.md): the event a `reminder` schedule carries, and the regulator draft
 * of an obligation (`GET /incidents/{id}/obligations/{obligationId}/draft`).
 */
import * as z from 'zod/mini';
import { Id, meta } from './common.js';

const Instant = z.iso.datetime({ offset: true });
const ClockId = z.string().check(z.regex(/^[a-z][a-z0-9-]{0,63}$/));

/** What a `reminder` schedule fires with: what to re-read, and the due instant it was planned for. */
export const ReminderEvent = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('action'),
    incidentId: Id,
    actionId: Id,
    stage: z.enum(['remind', 'overdue']),
    dueDate: Instant,
  }),
  z.strictObject({
    kind: z.literal('coordinated-action'),
    incidentId: Id,
    activationId: Id,
    actionId: Id,
    stage: z.enum(['remind', 'overdue']),
    dueDate: Instant,
  }),
  z.strictObject({
    kind: z.literal('obligation'),
    incidentId: Id,
    obligationId: Id,
    clockId: ClockId,
    pct: z.number().check(z.int(), z.minimum(1), z.maximum(100)),
    due: Instant,
  }),
  z.strictObject({
    kind: z.literal('agreement-update'),
    updateId: Id,
    stage: z.enum(['remind', 'overdue']),
    dueDate: Instant,
  }),
]);
export type ReminderEvent = z.infer<typeof ReminderEvent>;
export type ActionReminderEvent = Extract<ReminderEvent, { kind: 'action' | 'coordinated-action' }>;
export type ObligationReminderEvent = Extract<ReminderEvent, { kind: 'obligation' }>;
export type AgreementUpdateReminderEvent = Extract<ReminderEvent, { kind: 'agreement-update' }>;

export const ObligationDraftQuery = meta(
  z.strictObject({
    templateId: meta(z.optional(Id), {
      description:
        'Template rendered with the incident (latest approved version, else the latest); without one, a plain draft listing the checklist',
    }),
    clock: meta(z.optional(ClockId), {
      description:
        'Clock of the regime (e.g. `authority`); default: the first applicable clock not yet submitted',
    }),
  }),
  { id: 'ObligationDraftQuery' },
);
export type ObligationDraftQuery = z.infer<typeof ObligationDraftQuery>;

export const DraftChecklistItem = meta(
  z.object({
    item: meta(z.string(), { description: 'Checklist item id of the clock (e.g. `nature`)' }),
    label: z.string(),
    required: meta(z.boolean(), { description: 'False for items required only when the notice is late' }),
    satisfied: meta(z.boolean(), { description: 'The incident already records what the item asks for' }),
    source: meta(z.nullable(z.string()), {
      description: 'Where the value comes from (e.g. `impactAssessment.dataCompromised`); null: manual',
    }),
    value: meta(z.optional(z.string()), { description: 'The value found, as text' }),
  }),
  { id: 'DraftChecklistItem' },
);
export type DraftChecklistItem = z.infer<typeof DraftChecklistItem>;

export const ObligationDraft = meta(
  z.object({
    incidentId: z.string(),
    obligationId: z.string(),
    clockId: z.string(),
    clockName: z.string(),
    recipient: z.string(),
    due: z.nullable(z.string()),
    template: z.nullable(z.object({ templateId: z.string(), version: z.number().check(z.int()) })),
    subject: z.string(),
    body: z.string(),
    checklist: z.array(DraftChecklistItem),
    missing: meta(z.array(z.string()), {
      description: 'Required checklist items the incident does not yet fill',
    }),
    missingPlaceholders: meta(z.array(z.string()), {
      description: 'Template placeholders without a value (shown as `[missing: name]` in the text)',
    }),
  }),
  { id: 'ObligationDraft' },
);
export type ObligationDraft = z.infer<typeof ObligationDraft>;
