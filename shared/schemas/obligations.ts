import * as z from 'zod/mini';
import { REGIME_IDS } from '../model/regimes.js';
import { meta, Text, Timestamp, TimestampOut } from './common.js';

export const RegimeId = meta(z.enum(REGIME_IDS), { description: 'Regime of the catalogue (`GET /regimes`)' });

const ClockId = z.string().check(z.regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a clock id of the regime'));
const ChecklistItemId = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a checklist item id of the clock'));

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

const triggersShape = <T extends z.ZodMiniType>(value: T) =>
  Object.fromEntries(
    TRIGGER_KEYS.map((k) => [k, meta(z.optional(value), { description: triggerFields[k] })]),
  ) as Record<TriggerKey, z.ZodMiniOptional<T>>;

const factFields = {
  highRisk: meta(z.boolean(), {
    description: 'Likely to result in a high risk to individuals (GDPR Art. 34, LGPD)',
  }),
  affectedIndividuals: meta(z.number().check(z.int(), z.minimum(0), z.maximum(1e10)), {
    description: 'Individuals affected (HIPAA HHS notice)',
  }),
  maxResidentsInAState: meta(z.number().check(z.int(), z.minimum(0), z.maximum(1e10)), {
    description: 'Largest number of affected residents of one State (HIPAA media notice)',
  }),
  significantImpact: meta(z.boolean(), {
    description: 'Significant impact on a critical infrastructure asset (AU SOCI: 12 h, else 72 h)',
  }),
};

export const ObligationTriggers = meta(z.strictObject(triggersShape(Timestamp)), {
  id: 'ObligationTriggers',
});
export type ObligationTriggers = z.infer<typeof ObligationTriggers>;
export const ObligationFacts = meta(
  z.strictObject({
    highRisk: z.optional(factFields.highRisk),
    affectedIndividuals: z.optional(factFields.affectedIndividuals),
    maxResidentsInAState: z.optional(factFields.maxResidentsInAState),
    significantImpact: z.optional(factFields.significantImpact),
  }),
  { id: 'ObligationFacts' },
);
export type ObligationFacts = z.infer<typeof ObligationFacts>;

// ---------- requests ----------

export const AttachObligationBody = meta(
  z.strictObject({
    regime: RegimeId,
    triggers: z.optional(ObligationTriggers),
    facts: z.optional(ObligationFacts),
    notes: z.optional(Text(2000)),
  }),
  { id: 'AttachObligation' },
);
export type AttachObligationBody = z.infer<typeof AttachObligationBody>;

export const UpdateObligationBody = meta(
  z
    .strictObject({
      triggers: meta(z.optional(z.strictObject(triggersShape(z.nullable(Timestamp)))), {
        description: 'Trigger times to set; null clears one (back to its default)',
      }),
      facts: meta(
        z.optional(
          z.strictObject({
            highRisk: z.optional(z.nullable(factFields.highRisk)),
            affectedIndividuals: z.optional(z.nullable(factFields.affectedIndividuals)),
            maxResidentsInAState: z.optional(z.nullable(factFields.maxResidentsInAState)),
            significantImpact: z.optional(z.nullable(factFields.significantImpact)),
          }),
        ),
        { description: 'Facts to set; null clears one' },
      ),
      reason: z.optional(Text(2000)),
    })
    .check(
      z.refine((b) => b.triggers !== undefined || b.facts !== undefined, {
        message: 'triggers or facts is required',
      }),
    ),
  { id: 'UpdateObligation' },
);
export type UpdateObligationBody = z.infer<typeof UpdateObligationBody>;

export const CreateSubmissionBody = meta(
  z.strictObject({
    clock: meta(ClockId, { description: 'Clock of the regime this submission meets (e.g. `authority`)' }),
    submittedAt: meta(z.optional(Timestamp), { description: 'When it was submitted; defaults to now' }),
    recipient: Text(300),
    reference: meta(z.optional(Text(300)), { description: 'Regulator’s case or receipt number' }),
    coveredItems: z._default(z.array(ChecklistItemId).check(z.maxLength(50)), []),
    reasonsForDelay: meta(z.optional(Text(5000)), {
      description: 'Required when the notice is late and the regime asks for reasons (GDPR, LGPD)',
    }),
    notes: z.optional(Text(2000)),
  }),
  { id: 'CreateSubmission' },
);
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
export const Lateness = meta(z.object({ seconds: z.number().check(z.int()), iso8601: z.string() }), {
  id: 'Lateness',
});

export const Submission = meta(
  z.object({
    submissionId: z.string(),
    clock: z.string(),
    submittedAt: TimestampOut,
    recipient: z.string(),
    reference: z.optional(z.string()),
    coveredItems: z.array(z.string()),
    reasonsForDelay: z.optional(z.string()),
    notes: z.optional(z.string()),
    submittedBy: meta(z.string(), { description: 'Authenticated subject that recorded it' }),
    recordedAt: TimestampOut,
    dueAt: meta(z.nullable(TimestampOut), { description: 'The clock’s deadline when it was recorded' }),
    lateness: z.optional(Lateness),
  }),
  { id: 'Submission' },
);
export type Submission = z.infer<typeof Submission>;

export const ChecklistEntry = z.object({
  id: z.string(),
  label: z.string(),
  required: meta(z.boolean(), { description: 'False for items only required when late, while on time' }),
  covered: z.boolean(),
  coveredBy: meta(z.array(z.string()), { description: 'Submissions that covered it' }),
});

export const ObligationClock = meta(
  z.object({
    clockId: z.string(),
    name: z.string(),
    recipient: z.string(),
    citation: z.string(),
    applicable: z.boolean(),
    condition: z.optional(z.string()),
    trigger: z.string(),
    startedAt: z.nullable(TimestampOut),
    assumedTriggers: meta(z.array(z.string()), {
      description: 'Triggers taken from the discovery date because they were not set',
    }),
    waitingFor: z.optional(z.string()),
    due: z.nullable(TimestampOut),
    timeLeft: meta(z.nullable(z.string()), { description: 'ISO 8601 duration; negative once overdue' }),
    timeLeftSeconds: z.nullable(z.number().check(z.int())),
    status: ClockStatus,
    submittedAt: z.optional(TimestampOut),
    lateness: z.optional(Lateness),
    checklist: z.array(ChecklistEntry),
    missingItems: z.array(z.string()),
    note: z.optional(z.string()),
  }),
  { id: 'ObligationClock' },
);
export type ObligationClock = z.infer<typeof ObligationClock>;

export const Obligation = meta(
  z.object({
    obligationId: z.string(),
    regime: z.string(),
    name: z.string(),
    citation: z.string(),
    inForce: z.boolean(),
    note: z.optional(z.string()),
    status: meta(ClockStatus, { description: 'The most urgent status of its applicable clocks' }),
    simulated: meta(z.optional(z.boolean()), {
      description: 'True on an exercise incident: the clocks are simulated, nothing is due to a regulator',
    }),
    triggers: z.extend(z.object({ discovery: TimestampOut }), triggersShape(TimestampOut)),
    facts: ObligationFacts,
    notes: z.optional(z.string()),
    clocks: z.array(ObligationClock),
    submissions: z.array(Submission),
    attachedAt: TimestampOut,
    attachedBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().check(z.int()),
  }),
  { id: 'Obligation' },
);
export type Obligation = z.infer<typeof Obligation>;

export const RegimeSuggestion = meta(
  z.object({ regime: z.string(), name: z.string(), inForce: z.boolean(), reason: z.string() }),
  { id: 'RegimeSuggestion' },
);
export type RegimeSuggestion = z.infer<typeof RegimeSuggestion>;

const DurationOut = z.object({
  amount: z.number(),
  unit: z.enum(['hours', 'calendar-days', 'business-days', 'months']),
});

export const RegimeView = meta(
  z.object({
    id: z.string(),
    name: z.string(),
    citation: z.string(),
    jurisdictions: z.array(z.string()),
    sectors: meta(z.nullable(z.array(z.string())), { description: 'null: every sector' }),
    concern: z.enum(['personal-data', 'incident']),
    timeZone: z.string(),
    inForce: z.boolean(),
    note: z.optional(z.string()),
    holidays: meta(z.array(z.string()), { description: 'Holidays configured by the deployer' }),
    clocks: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        recipient: z.string(),
        citation: z.string(),
        trigger: z.string(),
        after: z.optional(z.object({ clock: z.string(), submission: z.enum(['first', 'last']) })),
        duration: meta(z.nullable(DurationOut), { description: 'null: without undue delay' }),
        cap: z.optional(z.object({ trigger: z.string(), duration: DurationOut })),
        condition: z.optional(z.string()),
        lateRequires: z.optional(z.string()),
        checklist: z.array(z.object({ id: z.string(), label: z.string(), whenLate: z.boolean() })),
        note: z.optional(z.string()),
      }),
    ),
  }),
  { id: 'Regime' },
);
export type RegimeView = z.infer<typeof RegimeView>;

export const RegimeList = meta(z.object({ items: z.array(RegimeView) }), { id: 'RegimeList' });
export const ObligationList = meta(
  z.object({
    items: z.array(Obligation),
    disclosureHolds: meta(
      z.optional(z.array(z.object({ holdId: z.string(), audiences: z.array(z.string()) }))),
      {
        description:
          'Active disclosure holds (docs/evidence.md): they hold back communications to these audiences and never stop a clock',
      },
    ),
  }),
  { id: 'ObligationList' },
);

export const ReportObligation = meta(
  z.object({
    obligationId: z.string(),
    name: z.string(),
    status: ClockStatus,
    clocks: z.array(
      z.object({
        clockId: z.string(),
        name: z.string(),
        recipient: z.string(),
        status: ClockStatus,
        due: z.nullable(TimestampOut),
        submittedAt: z.optional(TimestampOut),
        lateness: z.optional(Lateness),
        missingItems: z.array(z.string()),
      }),
    ),
  }),
  { id: 'ReportObligation' },
);
export type ReportObligation = z.infer<typeof ReportObligation>;
