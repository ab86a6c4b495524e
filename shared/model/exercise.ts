/**
 * Exercise marking (issue 15): what every message of an exercise incident carries. Pure; the
 * notices, communications and the SNS subject use it so the marking is written in one place.
 */

/** Subject prefix of every message of an exercise incident. */
export const EXERCISE_PREFIX = '[EXERCISE]';

/** The subject as sent: prefixed once when the incident is an exercise. */
export function exerciseSubject(subject: string, exercise: boolean | undefined): string {
  if (!exercise || subject.startsWith(EXERCISE_PREFIX)) return subject;
  return `${EXERCISE_PREFIX} ${subject}`;
}

/** Kinds of what a finding proposes (the target it can become). */
export const FINDING_PROPOSALS = ['playbook_action', 'contact_fix', 'contract_update', 'none'] as const;
export type FindingProposal = (typeof FINDING_PROPOSALS)[number];

/** Kinds of item a raised finding links to (`Finding.link.kind`). */
export const FINDING_LINK_KINDS = ['agreement_update', 'playbook_action', 'contact_reverification'] as const;
export type FindingLinkKind = (typeof FINDING_LINK_KINDS)[number];

/** What a finding becomes when it is raised (`POST …/findings/{id}/raise`), by what it proposes. */
export const RAISED_AS: Readonly<Record<Exclude<FindingProposal, 'none'>, FindingLinkKind>> = {
  contract_update: 'agreement_update',
  playbook_action: 'playbook_action',
  contact_fix: 'contact_reverification',
};
