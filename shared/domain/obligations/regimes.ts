/**
 * The catalogue of regulatory notification regimes (pure data + predicates). One entry per regime,
 * with its legal citation; each regime has one or more clocks (a notice to one recipient, with its
 * trigger, duration and required content). `deadlines.ts` does the arithmetic.
 *
 * This is an aid for coordinators, not legal advice: thresholds that need judgement (materiality,
 * "significant", "high risk") are facts the coordinator records, never decided here.
 */
import type { ClockTiming, Duration } from './deadlines.js';

/** Facts a coordinator records on an obligation; they switch conditional clocks on or off. */
export interface ObligationFacts {
  /** GDPR Art. 34 / UK GDPR / LGPD: the breach is likely to result in a high risk to individuals. */
  readonly highRisk?: boolean;
  /** HIPAA: number of individuals affected (HHS notice with the individuals' when 500 or more). */
  readonly affectedIndividuals?: number;
  /** HIPAA § 164.406: the largest number of affected residents of one State or jurisdiction. */
  readonly maxResidentsInAState?: number;
  /** AU SOCI: the critical cyber security incident has a significant impact (12 h, else 72 h). */
  readonly significantImpact?: boolean;
}

export interface ChecklistItem {
  readonly id: string;
  readonly label: string;
  /** Only required when the notice is late (e.g. GDPR Art. 33(1) reasons for the delay). */
  readonly whenLate?: true;
}

export interface ClockDef extends ClockTiming {
  readonly name: string;
  readonly recipient: string;
  readonly citation: string;
  /**
   * When the clock applies. A missing fact counts as "applies" (the conservative reading): the
   * coordinator switches a clock off by recording the fact, e.g. `highRisk: false`.
   */
  readonly condition?: {
    readonly description: string;
    /** The facts `test` reads: the only facts this clock's regime accepts (400 for others). */
    readonly facts: readonly (keyof ObligationFacts)[];
    readonly test: (facts: ObligationFacts) => boolean;
  };
  /** A late submission must carry this field (400 naming it otherwise). */
  readonly lateRequires?: 'reasonsForDelay';
  readonly checklist: readonly ChecklistItem[];
  readonly note?: string;
}

export type RegimeConcern = 'personal-data' | 'incident';

export interface Regime {
  readonly id: string;
  readonly name: string;
  readonly citation: string;
  /** Jurisdiction codes (`EU`, `UK`, `US`, `US-NY`, `AU`, `SG`, `IN`, `BR`). */
  readonly jurisdictions: readonly string[];
  /** Sectors it applies to; undefined = every sector. */
  readonly sectors?: readonly string[];
  /** What makes it relevant: a personal-data breach, or a (significant) cyber incident. */
  readonly concern: RegimeConcern;
  /** IANA zone calendar and business days are counted in. */
  readonly timeZone: string;
  readonly inForce: boolean;
  readonly note?: string;
  readonly clocks: readonly ClockDef[];
}

export { SECTORS } from '../../model/regimes.js';

const h = (amount: number): Duration => ({ amount, unit: 'hours' });
const days = (amount: number): Duration => ({ amount, unit: 'calendar-days' });
const businessDays = (amount: number): Duration => ({ amount, unit: 'business-days' });
const months = (amount: number): Duration => ({ amount, unit: 'months' });
const item = (id: string, label: string, whenLate?: true): ChecklistItem =>
  whenLate ? { id, label, whenLate } : { id, label };
const clock = (c: ClockDef): ClockDef => c;

const REASONS_FOR_DELAY = item('reasons-for-delay', 'Reasons for the delay (the notice is late)', true);

const highRiskOnly = {
  description: 'only when the breach is likely to result in a high risk to individuals (facts.highRisk)',
  facts: ['highRisk'] as const,
  test: (f: ObligationFacts) => f.highRisk !== false,
};

// ---- GDPR Art. 33(3) and Art. 34(2) content ----
const gdprAuthorityItems = [
  item(
    'nature',
    'Nature of the breach, including the categories and approximate number of data subjects concerned',
  ),
  item('records', 'Categories and approximate number of personal data records concerned'),
  item('contact-point', 'Name and contact details of the data protection officer or other contact point'),
  item('consequences', 'Likely consequences of the breach'),
  item('measures', 'Measures taken or proposed to address the breach, including mitigation of its effects'),
  REASONS_FOR_DELAY,
];
const gdprSubjectItems = [
  item('nature', 'Nature of the breach, in clear and plain language'),
  item('contact-point', 'Name and contact details of the data protection officer or other contact point'),
  item('consequences', 'Likely consequences of the breach'),
  item('measures', 'Measures taken or proposed, including mitigation of possible adverse effects'),
];

function gdprLike(
  id: string,
  name: string,
  citation: string,
  jurisdiction: string,
  timeZone: string,
  authority: string,
): Regime {
  return {
    id,
    name,
    citation,
    jurisdictions: [jurisdiction],
    concern: 'personal-data',
    timeZone,
    inForce: true,
    clocks: [
      clock({
        id: 'authority',
        name: 'Notification of the supervisory authority',
        recipient: authority,
        citation: 'Art. 33(1) and 33(3)',
        trigger: 'awareness',
        duration: h(72),
        lateRequires: 'reasonsForDelay',
        checklist: gdprAuthorityItems,
        note: 'Not required when the breach is unlikely to result in a risk to individuals (Art. 33(1)); record that decision on the timeline.',
      }),
      clock({
        id: 'data-subjects',
        name: 'Communication to the data subjects',
        recipient: 'Data subjects',
        citation: 'Art. 34(1) and 34(2)',
        trigger: 'awareness',
        duration: null, // "without undue delay"
        condition: highRiskOnly,
        checklist: gdprSubjectItems,
      }),
    ],
  };
}

const nis2Sectors = [
  'energy',
  'transport',
  'financial',
  'healthcare',
  'water',
  'digital-infrastructure',
  'ict-services',
  'public-administration',
  'space',
  'manufacturing',
  'food',
  'chemicals',
  'telecommunications',
];

/** Critical-infrastructure regimes (CIRCIA, AU SOCI): the NIS2 sectors plus defence and education. */
const criticalInfrastructure = [...nis2Sectors, 'defence', 'education'];

export const REGIMES: readonly Regime[] = [
  // Regulation (EU) 2016/679, Art. 33 and 34.
  gdprLike(
    'gdpr',
    'GDPR personal-data breach notification',
    'Regulation (EU) 2016/679 (GDPR), Art. 33 and 34',
    'EU',
    'Europe/Brussels',
    'Lead supervisory authority',
  ),
  // UK GDPR (retained Regulation (EU) 2016/679 as amended), Art. 33 and 34; ICO.
  gdprLike(
    'uk-gdpr',
    'UK GDPR personal-data breach notification',
    'UK GDPR, Art. 33 and 34 (Data Protection Act 2018)',
    'UK',
    'Europe/London',
    "Information Commissioner's Office (ICO)",
  ),
  // Directive (EU) 2022/2555 (NIS2), Art. 23(4).
  {
    id: 'nis2',
    name: 'NIS2 significant-incident reporting',
    citation: 'Directive (EU) 2022/2555 (NIS2), Art. 23(4)',
    jurisdictions: ['EU'],
    sectors: nis2Sectors,
    concern: 'incident',
    timeZone: 'Europe/Brussels',
    inForce: true,
    clocks: [
      clock({
        id: 'early-warning',
        name: 'Early warning',
        recipient: 'CSIRT or competent authority',
        citation: 'Art. 23(4)(a)',
        trigger: 'awareness',
        duration: h(24),
        checklist: [
          item(
            'suspected-malicious',
            'Whether the incident is suspected of being caused by unlawful or malicious acts',
          ),
          item('cross-border', 'Whether the incident could have a cross-border impact'),
        ],
      }),
      clock({
        id: 'notification',
        name: 'Incident notification',
        recipient: 'CSIRT or competent authority',
        citation: 'Art. 23(4)(b)',
        trigger: 'awareness',
        duration: h(72),
        checklist: [
          item('update', 'Update of the information in the early warning'),
          item('severity-impact', 'Initial assessment of the incident, including its severity and impact'),
          item('iocs', 'Indicators of compromise, where available'),
        ],
      }),
      clock({
        id: 'final-report',
        name: 'Final report',
        recipient: 'CSIRT or competent authority',
        citation: 'Art. 23(4)(d)',
        trigger: 'previous-submission',
        after: { clock: 'notification', submission: 'first' },
        duration: months(1),
        checklist: [
          item('description', 'Detailed description of the incident, including its severity and impact'),
          item('root-cause', 'Type of threat or root cause that is likely to have triggered the incident'),
          item('mitigation', 'Applied and ongoing mitigation measures'),
          item('cross-border', 'Cross-border impact of the incident, where applicable'),
        ],
        note: 'If the incident is still ongoing, a progress report is due instead and the final report within one month of handling it (Art. 23(4)(e)).',
      }),
    ],
  },
  // Regulation (EU) 2022/2554 (DORA), Art. 19; Commission Delegated Regulation (EU) 2025/301, Art. 5.
  {
    id: 'dora',
    name: 'DORA major ICT-related incident reporting',
    citation: 'Regulation (EU) 2022/2554 (DORA), Art. 19; Delegated Regulation (EU) 2025/301, Art. 5',
    jurisdictions: ['EU'],
    sectors: ['financial', 'insurance'],
    concern: 'incident',
    timeZone: 'Europe/Brussels',
    inForce: true,
    note: 'Entities that are not significant may submit on the next working day when a deadline falls on a weekend or holiday (RTS Art. 5(5)); not modelled.',
    clocks: [
      clock({
        id: 'initial',
        name: 'Initial notification',
        recipient: 'Competent authority',
        citation: 'RTS 2025/301 Art. 5(1)(a)',
        trigger: 'classification',
        duration: h(4),
        cap: { trigger: 'awareness', duration: h(24) },
        checklist: [
          item('classification-criteria', 'Classification criteria that made the incident major'),
          item('description', 'Description of the incident and how it was detected'),
          item('detection-time', 'Date and time of detection and of classification'),
          item('member-states', 'Member States affected'),
          item('recurring', 'Whether the incident is recurring'),
        ],
      }),
      clock({
        id: 'intermediate',
        name: 'Intermediate report',
        recipient: 'Competent authority',
        citation: 'RTS 2025/301 Art. 5(1)(b)',
        trigger: 'previous-submission',
        after: { clock: 'initial', submission: 'first' },
        duration: h(72),
        checklist: [
          item('impact', 'Impact on clients, transactions, services and data'),
          item('root-cause', 'Root cause, as far as known'),
          item('actions', 'Actions taken to recover'),
          item('third-parties', 'Involvement of ICT third-party service providers'),
        ],
      }),
      clock({
        id: 'final',
        name: 'Final report',
        recipient: 'Competent authority',
        citation: 'RTS 2025/301 Art. 5(1)(c)',
        trigger: 'previous-submission',
        after: { clock: 'intermediate', submission: 'last' },
        duration: months(1),
        checklist: [
          item('root-cause-analysis', 'Root-cause analysis'),
          item('remediation', 'Remediation and lessons learned'),
          item('costs-losses', 'Direct and indirect costs and losses'),
        ],
        note: 'Counted from the latest updated intermediate report.',
      }),
    ],
  },
  // 17 CFR 229.106 / Form 8-K Item 1.05 (SEC Release 33-11216).
  {
    id: 'sec-8k',
    name: 'SEC Form 8-K Item 1.05 material cybersecurity incident',
    citation: 'SEC Form 8-K Item 1.05 (Release No. 33-11216, 2023)',
    jurisdictions: ['US'],
    sectors: ['listed'],
    concern: 'incident',
    timeZone: 'America/New_York',
    inForce: true,
    clocks: [
      clock({
        id: 'form-8k',
        name: 'Form 8-K filing',
        recipient: 'U.S. Securities and Exchange Commission (EDGAR)',
        citation: 'Form 8-K General Instruction B.1, Item 1.05(a)',
        trigger: 'determination',
        duration: businessDays(4),
        checklist: [
          item('nature-scope-timing', 'Material aspects of the nature, scope and timing of the incident'),
          item(
            'material-impact',
            'Material impact or reasonably likely material impact, including on financial condition and results of operations',
          ),
          item('ag-delay', 'Attorney General delay determination, if any (Item 1.05(c))'),
        ],
        note: 'Counted from the materiality determination; set the `determination` trigger (it assumes the discovery date until then).',
      }),
    ],
  },
  // 45 CFR 164.404 (individuals), 164.406 (media), 164.408 (Secretary of HHS), 164.410.
  {
    id: 'hipaa',
    name: 'HIPAA breach of unsecured protected health information',
    citation: '45 CFR 164.404-164.410',
    jurisdictions: ['US'],
    sectors: ['healthcare'],
    concern: 'personal-data',
    timeZone: 'America/New_York',
    inForce: true,
    clocks: [
      clock({
        id: 'individuals',
        name: 'Notice to individuals',
        recipient: 'Affected individuals',
        citation: '45 CFR 164.404(b)-(c)',
        trigger: 'discovery',
        duration: days(60),
        checklist: [
          item('what-happened', 'What happened, with the date of the breach and of its discovery'),
          item('phi-types', 'Types of unsecured PHI involved'),
          item('steps-individuals', 'Steps individuals should take to protect themselves'),
          item('entity-actions', 'What the entity is doing to investigate, mitigate and protect'),
          item('contact', 'Contact procedures (toll-free number, email, website or postal address)'),
        ],
        note: 'Without unreasonable delay; 60 calendar days is the outer limit.',
      }),
      clock({
        id: 'media',
        name: 'Notice to prominent media outlets',
        recipient: 'Prominent media outlets serving the State',
        citation: '45 CFR 164.406',
        trigger: 'discovery',
        duration: days(60),
        condition: {
          description: 'only when more than 500 residents of a State or jurisdiction are affected',
          facts: ['maxResidentsInAState'],
          test: (f) => f.maxResidentsInAState === undefined || f.maxResidentsInAState > 500,
        },
        checklist: [
          item('what-happened', 'What happened, with the date of the breach and of its discovery'),
          item('phi-types', 'Types of unsecured PHI involved'),
          item('steps-individuals', 'Steps individuals should take to protect themselves'),
          item('entity-actions', 'What the entity is doing to investigate, mitigate and protect'),
          item('contact', 'Contact procedures'),
        ],
      }),
      clock({
        id: 'hhs',
        name: 'Notice to the Secretary of HHS (500 or more individuals)',
        recipient: 'U.S. Department of Health and Human Services (OCR breach portal)',
        citation: '45 CFR 164.408(b)',
        trigger: 'discovery',
        duration: days(60),
        condition: {
          description:
            'when 500 or more individuals are affected: contemporaneously with the individual notices',
          facts: ['affectedIndividuals'],
          test: (f) => f.affectedIndividuals === undefined || f.affectedIndividuals >= 500,
        },
        checklist: [
          item('entity', 'Covered entity and business associate details'),
          item('breach', 'Breach dates, type and location of the PHI'),
          item('individuals-count', 'Number of individuals affected'),
          item('safeguards', 'Safeguards in place and actions taken'),
        ],
      }),
      clock({
        id: 'hhs-annual',
        name: 'Annual log to the Secretary of HHS (fewer than 500 individuals)',
        recipient: 'U.S. Department of Health and Human Services (OCR breach portal)',
        citation: '45 CFR 164.408(c)',
        trigger: 'discovery-year-end',
        duration: days(60),
        condition: {
          description:
            'when fewer than 500 individuals are affected: within 60 days after the end of the calendar year',
          facts: ['affectedIndividuals'],
          test: (f) => f.affectedIndividuals !== undefined && f.affectedIndividuals < 500,
        },
        checklist: [
          item('entity', 'Covered entity and business associate details'),
          item('breach', 'Breach dates, type and location of the PHI'),
          item('individuals-count', 'Number of individuals affected'),
        ],
      }),
    ],
  },
  // 23 NYCRR 500.17(a) and (c) (Second Amendment, November 2023).
  {
    id: 'nydfs',
    name: 'NYDFS cybersecurity incident notice',
    citation: '23 NYCRR 500.17',
    jurisdictions: ['US-NY'],
    sectors: ['financial', 'insurance'],
    concern: 'incident',
    timeZone: 'America/New_York',
    inForce: true,
    clocks: [
      clock({
        id: 'incident',
        name: 'Notice of cybersecurity incident',
        recipient: 'NYDFS Superintendent (DFS Portal)',
        citation: '23 NYCRR 500.17(a)(1)',
        trigger: 'determination',
        duration: h(72),
        checklist: [
          item(
            'incident-info',
            'Information available about the incident (including at a third-party service provider)',
          ),
          item('affected-systems', 'Affected systems and nonpublic information'),
          item('contact', 'Point of contact for the investigation'),
        ],
        note: 'Counted from the determination that a cybersecurity incident occurred, also at a third-party service provider; updates are due promptly on material changes (500.17(a)(2)).',
      }),
      clock({
        id: 'extortion-payment',
        name: 'Notice of extortion payment',
        recipient: 'NYDFS Superintendent (DFS Portal)',
        citation: '23 NYCRR 500.17(c)(1)',
        trigger: 'extortion-payment',
        duration: h(24),
        checklist: [item('payment', 'That an extortion payment was made, when and how much')],
      }),
      clock({
        id: 'extortion-justification',
        name: 'Written description of the extortion payment',
        recipient: 'NYDFS Superintendent (DFS Portal)',
        citation: '23 NYCRR 500.17(c)(2)',
        trigger: 'extortion-payment',
        duration: days(30),
        checklist: [
          item('reasons', 'Reasons the payment was necessary'),
          item('alternatives', 'Alternatives to payment considered'),
          item(
            'sanctions-diligence',
            'Diligence performed to ensure compliance with applicable sanctions rules',
          ),
        ],
      }),
    ],
  },
  // 6 U.S.C. 681b (Cyber Incident Reporting for Critical Infrastructure Act of 2022).
  {
    id: 'circia',
    name: 'CIRCIA covered cyber incident and ransom payment reports',
    citation: '6 U.S.C. 681b (CIRCIA); CISA proposed rule 89 FR 23644 (2024)',
    jurisdictions: ['US'],
    sectors: criticalInfrastructure,
    concern: 'incident',
    timeZone: 'America/New_York',
    inForce: false,
    note: 'Not yet in force: reporting obligations start when CISA’s final rule takes effect.',
    clocks: [
      clock({
        id: 'covered-incident',
        name: 'Covered cyber incident report',
        recipient: 'CISA',
        citation: '6 U.S.C. 681b(a)(1)',
        trigger: 'awareness',
        duration: h(72),
        checklist: [
          item('description', 'Description of the incident and the affected systems'),
          item('vulnerabilities', 'Vulnerabilities exploited and security defenses in place'),
          item('ttps', 'Tactics, techniques and procedures used'),
          item('actor', 'Information that may identify the threat actor'),
          item('data', 'Categories of information accessed'),
          item('contact', 'Contact information of the entity'),
        ],
        note: 'Counted from the reasonable belief that a covered cyber incident occurred.',
      }),
      clock({
        id: 'ransom-payment',
        name: 'Ransom payment report',
        recipient: 'CISA',
        citation: '6 U.S.C. 681b(a)(2)',
        trigger: 'ransom-payment',
        duration: h(24),
        checklist: [
          item('payment', 'Date, amount and instructions of the ransom payment'),
          item('demand', 'The ransom demand, including the requested currency'),
          item('attack', 'Description of the ransomware attack'),
        ],
      }),
    ],
  },
  // Privacy Act 1988 (Cth), Part IIIC: s 26WH (assessment), s 26WK and 26WL (statement, notice).
  {
    id: 'au-ndb',
    name: 'Australia Notifiable Data Breaches scheme',
    citation: 'Privacy Act 1988 (Cth), Part IIIC, ss 26WH, 26WK, 26WL',
    jurisdictions: ['AU'],
    concern: 'personal-data',
    timeZone: 'Australia/Sydney',
    inForce: true,
    clocks: [
      clock({
        id: 'assessment',
        name: 'Assessment of a suspected eligible data breach',
        recipient: 'Internal (record of the assessment)',
        citation: 's 26WH(2)',
        trigger: 'awareness',
        duration: days(30),
        checklist: [item('assessment', 'Reasonable and expeditious assessment completed and recorded')],
        note: 'Counted from the suspicion of an eligible data breach.',
      }),
      clock({
        id: 'oaic',
        name: 'Statement to the Commissioner',
        recipient: 'Office of the Australian Information Commissioner (OAIC)',
        citation: 's 26WK',
        trigger: 'determination',
        duration: null, // as soon as practicable
        checklist: [
          item('identity', 'Identity and contact details of the entity'),
          item('description', 'Description of the eligible data breach'),
          item('information', 'Kinds of information concerned'),
          item('steps', 'Recommended steps individuals should take'),
        ],
      }),
    ],
  },
  // Security of Critical Infrastructure Act 2018 (Cth), ss 30BC and 30BD.
  {
    id: 'au-soci',
    name: 'Australia SOCI critical cyber security incident reporting',
    citation: 'Security of Critical Infrastructure Act 2018 (Cth), ss 30BC, 30BD',
    jurisdictions: ['AU'],
    sectors: criticalInfrastructure,
    concern: 'incident',
    timeZone: 'Australia/Sydney',
    inForce: true,
    clocks: [
      clock({
        id: 'significant',
        name: 'Report of a critical cyber security incident (significant impact)',
        recipient: 'Australian Signals Directorate (ASD)',
        citation: 's 30BC',
        trigger: 'awareness',
        duration: h(12),
        condition: {
          description: 'when the incident has a significant impact on the availability of the asset',
          facts: ['significantImpact'],
          test: (f) => f.significantImpact !== false,
        },
        checklist: [
          item('asset', 'Critical infrastructure asset affected'),
          item('impact', 'Impact on the availability of the asset'),
          item('description', 'Description of the incident'),
        ],
        note: 'An oral report must be followed by a written record within 84 hours.',
      }),
      clock({
        id: 'relevant',
        name: 'Report of a cyber security incident (relevant impact)',
        recipient: 'Australian Signals Directorate (ASD)',
        citation: 's 30BD',
        trigger: 'awareness',
        duration: h(72),
        condition: {
          description: 'when the impact is relevant but not significant (facts.significantImpact = false)',
          facts: ['significantImpact'],
          test: (f) => f.significantImpact === false,
        },
        checklist: [
          item('asset', 'Critical infrastructure asset affected'),
          item('impact', 'Impact on the asset'),
          item('description', 'Description of the incident'),
        ],
      }),
    ],
  },
  // Personal Data Protection Act 2012 (Singapore), ss 26C and 26D; PDP (Notification of Data Breaches) Regulations 2021.
  {
    id: 'sg-pdpa',
    name: 'Singapore PDPA data breach notification',
    citation:
      'Personal Data Protection Act 2012, ss 26C, 26D; PDP (Notification of Data Breaches) Regulations 2021',
    jurisdictions: ['SG'],
    concern: 'personal-data',
    timeZone: 'Asia/Singapore',
    inForce: true,
    clocks: [
      clock({
        id: 'assessment',
        name: 'Assessment of whether the breach is notifiable',
        recipient: 'Internal (record of the assessment)',
        citation: 's 26C; PDPC Advisory Guidelines (30 days)',
        trigger: 'awareness',
        duration: days(30),
        checklist: [item('assessment', 'Assessment completed and documented')],
      }),
      clock({
        id: 'pdpc',
        name: 'Notification of the Commission',
        recipient: 'Personal Data Protection Commission (PDPC)',
        citation: 's 26D(1); Regulations 2021, reg 5',
        trigger: 'determination',
        duration: days(3),
        checklist: [
          item('facts', 'Facts and circumstances of the breach'),
          item('individuals', 'Number of affected individuals'),
          item('data', 'Personal data or classes of personal data affected'),
          item('harm', 'Potential harm to affected individuals'),
          item('remedial', 'Remedial actions taken or to be taken'),
          item('contact', 'Contact details of an authorised representative'),
        ],
        note: 'Counted from the assessment that the breach is notifiable (`determination`).',
      }),
      clock({
        id: 'individuals',
        name: 'Notification of affected individuals',
        recipient: 'Affected individuals',
        citation: 's 26D(2)',
        trigger: 'determination',
        duration: null, // on or after notifying the Commission, as soon as practicable
        checklist: [
          item('circumstances', 'Circumstances of the breach'),
          item('data', 'Personal data affected'),
          item('harm', 'Potential harm'),
          item('steps', 'Steps individuals may take to protect themselves'),
          item('contact', 'Contact details'),
        ],
      }),
    ],
  },
  // CERT-In Directions under s 70B(6) of the Information Technology Act 2000 (28 April 2022).
  {
    id: 'in-certin',
    name: 'India CERT-In cyber incident reporting',
    citation: 'CERT-In Directions No. 20(3)/2022-CERT-In under IT Act 2000, s 70B(6)',
    jurisdictions: ['IN'],
    concern: 'incident',
    timeZone: 'Asia/Kolkata',
    inForce: true,
    clocks: [
      clock({
        id: 'report',
        name: 'Cyber incident report',
        recipient: 'CERT-In (incident@cert-in.org.in)',
        citation: 'Directions, para (ii)',
        trigger: 'awareness',
        duration: h(6),
        checklist: [
          item('incident-type', 'Type of incident (Annexure I)'),
          item('time', 'Time of occurrence and of noticing'),
          item('systems', 'Affected systems and their location'),
          item('logs', 'Logs preserved (180 days, in India)'),
          item('contact', 'Point of contact'),
        ],
        note: 'Counted from noticing the incident or being notified of it.',
      }),
    ],
  },
  // Lei 13.709/2018 (LGPD), Art. 48; ANPD Resolução CD/ANPD nº 15/2024, Art. 6.
  {
    id: 'br-lgpd',
    name: 'Brazil LGPD security incident communication',
    citation: 'Lei 13.709/2018 (LGPD), Art. 48; Resolução CD/ANPD nº 15/2024, Art. 6 and 9',
    jurisdictions: ['BR'],
    concern: 'personal-data',
    timeZone: 'America/Sao_Paulo',
    inForce: true,
    clocks: [
      clock({
        id: 'anpd',
        name: 'Communication to the ANPD',
        recipient: 'Autoridade Nacional de Proteção de Dados (ANPD)',
        citation: 'Res. 15/2024 Art. 6',
        trigger: 'awareness',
        duration: businessDays(3),
        condition: {
          description:
            'when the incident may cause relevant risk or damage to data subjects (facts.highRisk)',
          facts: ['highRisk'],
          test: (f) => f.highRisk !== false,
        },
        lateRequires: 'reasonsForDelay',
        checklist: [
          item('nature', 'Nature and categories of personal data affected'),
          item('data-subjects', 'Number of data subjects, including children, adolescents or elderly'),
          item('security-measures', 'Technical and security measures used to protect the data'),
          item('risks', 'Risks related to the incident and possible impact on data subjects'),
          item('mitigation', 'Measures adopted or to be adopted to reverse or mitigate the effects'),
          REASONS_FOR_DELAY,
        ],
        note: 'Counted from knowledge that the incident affected personal data.',
      }),
      clock({
        id: 'data-subjects',
        name: 'Communication to the data subjects',
        recipient: 'Data subjects',
        citation: 'Res. 15/2024 Art. 9',
        trigger: 'awareness',
        duration: businessDays(3),
        condition: {
          description:
            'when the incident may cause relevant risk or damage to data subjects (facts.highRisk)',
          facts: ['highRisk'],
          test: (f) => f.highRisk !== false,
        },
        checklist: [
          item('nature', 'Nature and categories of personal data affected'),
          item('risks', 'Risks and possible consequences'),
          item('mitigation', 'Measures taken and recommended'),
          item('contact', 'Contact of the data protection officer'),
        ],
      }),
    ],
  },
];

const byId = new Map(REGIMES.map((r) => [r.id, r]));

/** The catalogue's ids, in order (`shared/model/regimes.ts`; `test/unit/architecture.test.ts` checks they agree). */
export { REGIME_IDS } from '../../model/regimes.js';

export function regimeById(id: string): Regime | undefined {
  return byId.get(id);
}

/** Does the clock apply under these facts? */
export const clockApplies = (c: ClockDef, facts: ObligationFacts) => c.condition?.test(facts) ?? true;
