import { z } from 'zod';
import { REGIME_IDS } from '../model/regimes.js';
import { Text, Timestamp, TimestampOut } from './common.js';

export const RegimeId = z.enum(REGIME_IDS).meta({ description: 'Regime of the catalogue (`GET /regimes`)' });

const ClockId = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a clock id of the regime');
const ChecklistItemId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a checklist item id of the clock');

/** Trigger times a coordinator records (`discovery` is the incident's discovery date). */
const triggerFields = {
  awareness: 'When the organization became aware (GDPR, NIS2, DORA, CIRCIA …); defaults to discovery',
  determination:
    'When the incident was determined material / notifiable / to have occurred (SEC, NYDFS, PDPA, NDB); defaults to discovery',
  classification: 'When the incident was classified as major (DORA); defaults to discovery',
  ransomPayment: 'When a ransom was paid (CIRCIA); no clock runs until set',
  extortionPayment: 'When an extortion payment was made (NYDFS); no clock runs until set',
} as const;
export type TriggerKey = keyof typeof triggerFields;
export const TRIGGER_KEYS = Object.keys(triggerFields) as TriggerKey[];

const triggersShape = <T extends z.ZodType>(value: T) =>
  Object.fromEntries(
    TRIGGER_KEYS.map((k) => [k, value.optional().meta({ description: triggerFields[k] })]),
  ) as Record<TriggerKey, z.ZodOptional<T>>;

const factFields = {
  highRisk: z
    .boolean()
    .meta({ description: 'Likely to result in a high risk to individuals (GDPR Art. 34, LGPD)' }),
  affectedIndividuals: z
    .number()
    .int()
    .min(0)
    .max(1e10)
    .meta({ description: 'Individuals affected (HIPAA HHS notice)' }),
  maxResidentsInAState: z
    .number()
    .int()
    .min(0)
    .max(1e10)
    .meta({ description: 'Largest number of affected residents of one State (HIPAA media notice)' }),
  significantImpact: z.boolean().meta({
    description: 'Significant impact on a critical infrastructure asset (AU SOCI: 12 h, else 72 h)',
  }),
};

export const ObligationTriggers = z.strictObject(triggersShape(Timestamp)).meta({ id: 'ObligationTriggers' });
export type ObligationTriggers = z.infer<typeof ObligationTriggers>;
export const ObligationFacts = z
  .strictObject({
    highRisk: factFields.highRisk.optional(),
    affectedIndividuals: factFields.affectedIndividuals.optional(),
    maxResidentsInAState: factFields.maxResidentsInAState.optional(),
    significantImpact: factFields.significantImpact.optional(),
  })
  .meta({ id: 'ObligationFacts' });
export type ObligationFacts = z.infer<typeof ObligationFacts>;

// ---------- requests ----------

export const AttachObligationBody = z
  .strictObject({
    regime: RegimeId,
    triggers: ObligationTriggers.optional(),
    facts: ObligationFacts.optional(),
    notes: Text(2000).optional(),
  })
  .meta({ id: 'AttachObligation' });
export type AttachObligationBody = z.infer<typeof AttachObligationBody>;

export const UpdateObligationBody = z
  .strictObject({
    triggers: z
      .strictObject(triggersShape(Timestamp.nullable()))
      .optional()
      .meta({ description: 'Trigger times to set; null clears one (back to its default)' }),
    facts: z
      .strictObject({
        highRisk: factFields.highRisk.nullable().optional(),
        affectedIndividuals: factFields.affectedIndividuals.nullable().optional(),
        maxResidentsInAState: factFields.maxResidentsInAState.nullable().optional(),
        significantImpact: factFields.significantImpact.nullable().optional(),
      })
      .optional()
      .meta({ description: 'Facts to set; null clears one' }),
    reason: Text(2000).optional(),
  })
  .refine((b) => b.triggers !== undefined || b.facts !== undefined, {
    message: 'triggers or facts is required',
  })
  .meta({ id: 'UpdateObligation' });
export type UpdateObligationBody = z.infer<typeof UpdateObligationBody>;

export const CreateSubmissionBody = z
  .strictObject({
    clock: ClockId.meta({ description: 'Clock of the regime this submission meets (e.g. `authority`)' }),
    submittedAt: Timestamp.optional().meta({ description: 'When it was submitted; defaults to now' }),
    recipient: Text(300),
    reference: Text(300).optional().meta({ description: 'Regulator’s case or receipt number' }),
    coveredItems: z.array(ChecklistItemId).max(50).default([]),
    reasonsForDelay: Text(5000)
      .optional()
      .meta({ description: 'Required when the notice is late and the regime asks for reasons (GDPR, LGPD)' }),
    notes: Text(2000).optional(),
  })
  .meta({ id: 'CreateSubmission' });
export type CreateSubmissionBody = z.infer<typeof CreateSubmissionBody>;

// ---------- responses ----------

export const ClockStatus = z.enum([
  'pending',
  'not_applicable',
  'asap',
  'open',
  'due_soon',
  'overdue',
  'submitted',
]);
export const Lateness = z.object({ seconds: z.number().int(), iso8601: z.string() }).meta({ id: 'Lateness' });

export const Submission = z
  .object({
    submissionId: z.string(),
    clock: z.string(),
    submittedAt: TimestampOut,
    recipient: z.string(),
    reference: z.string().optional(),
    coveredItems: z.array(z.string()),
    reasonsForDelay: z.string().optional(),
    notes: z.string().optional(),
    submittedBy: z.string().meta({ description: 'Authenticated subject that recorded it' }),
    recordedAt: TimestampOut,
    dueAt: TimestampOut.nullable().meta({ description: 'The clock’s deadline when it was recorded' }),
    lateness: Lateness.optional(),
  })
  .meta({ id: 'Submission' });
export type Submission = z.infer<typeof Submission>;

export const ChecklistEntry = z.object({
  id: z.string(),
  label: z.string(),
  required: z.boolean().meta({ description: 'False for items only required when late, while on time' }),
  covered: z.boolean(),
  coveredBy: z.array(z.string()).meta({ description: 'Submissions that covered it' }),
});

export const ObligationClock = z
  .object({
    clockId: z.string(),
    name: z.string(),
    recipient: z.string(),
    citation: z.string(),
    applicable: z.boolean(),
    condition: z.string().optional(),
    trigger: z.string(),
    startedAt: TimestampOut.nullable(),
    assumedTriggers: z
      .array(z.string())
      .meta({ description: 'Triggers taken from the discovery date because they were not set' }),
    waitingFor: z.string().optional(),
    due: TimestampOut.nullable(),
    timeLeft: z.string().nullable().meta({ description: 'ISO 8601 duration; negative once overdue' }),
    timeLeftSeconds: z.number().int().nullable(),
    status: ClockStatus,
    submittedAt: TimestampOut.optional(),
    lateness: Lateness.optional(),
    checklist: z.array(ChecklistEntry),
    missingItems: z.array(z.string()),
    note: z.string().optional(),
  })
  .meta({ id: 'ObligationClock' });
export type ObligationClock = z.infer<typeof ObligationClock>;

export const Obligation = z
  .object({
    obligationId: z.string(),
    regime: z.string(),
    name: z.string(),
    citation: z.string(),
    inForce: z.boolean(),
    note: z.string().optional(),
    status: ClockStatus.meta({ description: 'The most urgent status of its applicable clocks' }),
    simulated: z.boolean().optional().meta({
      description: 'True on an exercise incident: the clocks are simulated, nothing is due to a regulator',
    }),
    triggers: z.object({ discovery: TimestampOut }).extend(triggersShape(TimestampOut)),
    facts: ObligationFacts,
    notes: z.string().optional(),
    clocks: z.array(ObligationClock),
    submissions: z.array(Submission),
    attachedAt: TimestampOut,
    attachedBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Obligation' });
export type Obligation = z.infer<typeof Obligation>;

export const RegimeSuggestion = z
  .object({ regime: z.string(), name: z.string(), inForce: z.boolean(), reason: z.string() })
  .meta({ id: 'RegimeSuggestion' });
export type RegimeSuggestion = z.infer<typeof RegimeSuggestion>;

const DurationOut = z.object({
  amount: z.number(),
  unit: z.enum(['hours', 'calendar-days', 'business-days', 'months']),
});

export const RegimeView = z
  .object({
    id: z.string(),
    name: z.string(),
    citation: z.string(),
    jurisdictions: z.array(z.string()),
    sectors: z.array(z.string()).nullable().meta({ description: 'null: every sector' }),
    concern: z.enum(['personal-data', 'incident']),
    timeZone: z.string(),
    inForce: z.boolean(),
    note: z.string().optional(),
    holidays: z.array(z.string()).meta({ description: 'Holidays configured by the deployer' }),
    clocks: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        recipient: z.string(),
        citation: z.string(),
        trigger: z.string(),
        after: z.object({ clock: z.string(), submission: z.enum(['first', 'last']) }).optional(),
        duration: DurationOut.nullable().meta({ description: 'null: without undue delay' }),
        cap: z.object({ trigger: z.string(), duration: DurationOut }).optional(),
        condition: z.string().optional(),
        lateRequires: z.string().optional(),
        checklist: z.array(z.object({ id: z.string(), label: z.string(), whenLate: z.boolean() })),
        note: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'Regime' });
export type RegimeView = z.infer<typeof RegimeView>;

export const RegimeList = z.object({ items: z.array(RegimeView) }).meta({ id: 'RegimeList' });
export const ObligationList = z
  .object({
    items: z.array(Obligation),
    disclosureHolds: z
      .array(z.object({ holdId: z.string(), audiences: z.array(z.string()) }))
      .optional()
      .meta({
        description:
          'Active disclosure holds (docs/evidence.md): they hold back communications to these audiences and never stop a clock',
      }),
  })
  .meta({ id: 'ObligationList' });

export const ReportObligation = z
  .object({
    obligationId: z.string(),
    name: z.string(),
    status: ClockStatus,
    clocks: z.array(
      z.object({
        clockId: z.string(),
        name: z.string(),
        recipient: z.string(),
        status: ClockStatus,
        due: TimestampOut.nullable(),
        submittedAt: TimestampOut.optional(),
        lateness: Lateness.optional(),
        missingItems: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'ReportObligation' });
export type ReportObligation = z.infer<typeof ReportObligation>;
