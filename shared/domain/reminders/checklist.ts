/**
 * Which checklist items of a regulatory notice the incident already fills (pure; the table is in
 * docs/regulatory.md, "Drafting a notice"). Each item id of the regime catalogue maps to ONE
 * incident fact; an item is satisfied when that fact is recorded (or a submission already covered
 * the item). Items no incident fact can answer (indicators of compromise, cross-border impact, the
 * threat actor …) are `source: null`: a person fills them in the draft.
 */
import type { Incident } from '../../schemas/incidents.js';
import type { DraftChecklistItem } from '../../schemas/reminders.js';

/** What the mapping reads: the parts of the incident aggregate it needs, and the obligation's. */
export interface DraftFacts {
  readonly description: string;
  readonly category: string;
  readonly discoveryDate: string;
  readonly impactAssessment?: Pick<
    NonNullable<Incident['impactAssessment']>,
    | 'businessImpact'
    | 'financialImpact'
    | 'reputationImpact'
    | 'regulatoryImpact'
    | 'customersAffected'
    | 'dataCompromised'
    | 'systemsAffected'
  >;
  readonly affectedThirdParties: readonly string[];
  readonly actions: readonly {
    readonly actionId: string;
    readonly description: string;
    readonly status: string;
  }[];
  readonly lessonsLearned: readonly { readonly lesson: string }[];
  /** `command.incident_commander.contactId` of the incident item, when assigned. */
  readonly commanderContactId?: string;
  /** The obligation's facts (affectedIndividuals …) and submissions. */
  readonly obligationFacts: { readonly affectedIndividuals?: number };
  readonly submissions: readonly {
    readonly submissionId: string;
    readonly clock: string;
    readonly reasonsForDelay?: string;
  }[];
}

/** One checklist item of the clock, as the obligation view shows it. */
export interface ClockChecklistItem {
  readonly id: string;
  readonly label: string;
  readonly required: boolean;
  readonly coveredBy: readonly string[];
}

type Found = { readonly value: string } | undefined;
interface Rule {
  readonly source: string;
  readonly find: (f: DraftFacts, clockId: string) => Found;
}

const text = (v: string | undefined): Found =>
  v !== undefined && v.trim() !== '' ? { value: v } : undefined;
const listOf = (xs: readonly string[] | undefined): Found =>
  xs && xs.length > 0 ? { value: xs.join(', ') } : undefined;

const description: Rule = {
  source: 'incident.description',
  find: (f) => text(`${f.category}: ${f.description}`),
};
const dataCategories: Rule = {
  source: 'impactAssessment.dataCompromised',
  find: (f) => listOf(f.impactAssessment?.dataCompromised),
};
const peopleCount = (f: DraftFacts): number | undefined =>
  f.obligationFacts.affectedIndividuals ?? f.impactAssessment?.customersAffected;
const people: Rule = {
  source: 'obligation.facts.affectedIndividuals | impactAssessment.customersAffected',
  find: (f) => {
    const n = peopleCount(f);
    return n === undefined ? undefined : { value: `about ${n}` };
  },
};
const impact: Rule = {
  source: 'impactAssessment',
  find: (f) => {
    const a = f.impactAssessment;
    if (!a) return undefined;
    return {
      value: `business ${a.businessImpact}, regulatory ${a.regulatoryImpact}, reputation ${a.reputationImpact}`,
    };
  },
};
const measures: Rule = {
  source: 'actions',
  find: (f) =>
    listOf(
      f.actions
        .filter((a) => a.status !== 'cancelled')
        .map((a) => `${a.actionId} (${a.status}) ${a.description}`),
    ),
};
const systems: Rule = {
  source: 'impactAssessment.systemsAffected',
  find: (f) => listOf(f.impactAssessment?.systemsAffected),
};

/** Item id (as in the regime catalogue) → the incident fact that answers it. */
export const CHECKLIST_SOURCES: Readonly<Record<string, Rule>> = {
  // What happened
  description,
  'what-happened': description,
  facts: description,
  circumstances: description,
  information: description,
  'nature-scope-timing': description,
  breach: description,
  'incident-type': { source: 'incident.category', find: (f) => text(f.category) },
  'detection-time': { source: 'incident.discoveryDate', find: (f) => text(f.discoveryDate) },
  time: { source: 'incident.discoveryDate', find: (f) => text(f.discoveryDate) },
  // Whose data, how much
  nature: {
    source: 'impactAssessment.dataCompromised + affected individuals',
    find: (f) => {
      const data = f.impactAssessment?.dataCompromised ?? [];
      const n = peopleCount(f);
      return data.length > 0 && n !== undefined
        ? { value: `${data.join(', ')}; about ${n} data subjects` }
        : undefined;
    },
  },
  records: dataCategories,
  data: dataCategories,
  'phi-types': dataCategories,
  'data-subjects': people,
  'individuals-count': people,
  individuals: people,
  // Consequences
  consequences: impact,
  impact,
  harm: impact,
  risks: impact,
  'severity-impact': impact,
  'costs-losses': {
    source: 'impactAssessment.financialImpact',
    find: (f) =>
      f.impactAssessment?.financialImpact === undefined
        ? undefined
        : { value: String(f.impactAssessment.financialImpact) },
  },
  systems,
  'affected-systems': systems,
  asset: systems,
  'third-parties': { source: 'incident.affectedThirdParties', find: (f) => listOf(f.affectedThirdParties) },
  // Who to call
  'contact-point': {
    source: 'command.incident_commander.contactId',
    find: (f) => text(f.commanderContactId),
  },
  contact: { source: 'command.incident_commander.contactId', find: (f) => text(f.commanderContactId) },
  // What is being done
  measures,
  mitigation: measures,
  remediation: measures,
  remedial: measures,
  steps: measures,
  'entity-actions': measures,
  actions: measures,
  'security-measures': measures,
  safeguards: measures,
  'root-cause': { source: 'lessonsLearned', find: (f) => listOf(f.lessonsLearned.map((l) => l.lesson)) },
  'root-cause-analysis': {
    source: 'lessonsLearned',
    find: (f) => listOf(f.lessonsLearned.map((l) => l.lesson)),
  },
  // Follow-ups
  update: {
    source: 'submissions (an earlier notice of this obligation)',
    find: (f, clockId) => listOf(f.submissions.filter((s) => s.clock !== clockId).map((s) => s.submissionId)),
  },
  'reasons-for-delay': {
    source: 'submissions.reasonsForDelay',
    find: (f, clockId) =>
      text(f.submissions.find((s) => s.clock === clockId && s.reasonsForDelay)?.reasonsForDelay),
  },
};

/** The draft's checklist of one clock: each item, whether the incident fills it, and from where. */
export function draftChecklist(
  items: readonly ClockChecklistItem[],
  facts: DraftFacts,
  clockId: string,
): { checklist: DraftChecklistItem[]; missing: string[] } {
  const checklist = items.map((item): DraftChecklistItem => {
    const rule = CHECKLIST_SOURCES[item.id];
    const base = { item: item.id, label: item.label, required: item.required };
    if (item.coveredBy.length > 0) {
      return { ...base, satisfied: true, source: `submission ${item.coveredBy.join(', ')}` };
    }
    const found = rule?.find(facts, clockId);
    return found
      ? { ...base, satisfied: true, source: rule?.source ?? null, value: found.value }
      : { ...base, satisfied: false, source: rule?.source ?? null };
  });
  return { checklist, missing: checklist.filter((c) => c.required && !c.satisfied).map((c) => c.item) };
}
