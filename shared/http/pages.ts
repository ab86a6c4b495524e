/** The content of the public link pages (rendered by `html.ts`): what a POST would do, and its outcome. */
import type { LinkAcknowledgement } from '../schemas/escalation.js';
import type { VerificationResult } from '../schemas/verification.js';
import { renderPage } from './html.js';

export const acknowledgePage = (p: {
  incidentId: string;
  chainId: string;
  level: number;
  contactId: string;
  organizationId: string;
  tokenExpiresAt: string;
}): string =>
  renderPage({
    title: `Acknowledge incident ${p.incidentId}`,
    paragraphs: [
      `This link was sent to contact ${p.contactId} (${p.organizationId}) at escalation level ${p.level} of ${p.chainId}.`,
      'Acknowledging tells the incident team that you have received the escalation and stops it: nobody further is notified. It is recorded on the incident timeline with your name and organization.',
      `The link works once, until ${p.tokenExpiresAt}. Opening this page has not acknowledged anything yet.`,
    ],
    form: {
      button: 'Acknowledge',
      field: { name: 'note', label: 'Note for the incident team (optional)', maxLength: 1000 },
    },
  });

export const acknowledgedPage = (r: LinkAcknowledgement): string =>
  renderPage({
    title: r.alreadyStopped ? 'Acknowledgement recorded' : `Incident ${r.incidentId} acknowledged`,
    paragraphs: [r.message, `Recorded at ${r.acknowledgedAt}. You can close this page.`],
  });

export const verifyPage = (p: {
  name: string;
  channels: readonly { type: string; address: string }[];
  expiresAt: string;
}): string =>
  renderPage({
    title: 'Confirm your contact details',
    paragraphs: [
      `${p.name}, please check that these details are still yours and current:`,
      ...p.channels.map((c) => `${c.type}: ${c.address}`),
      `Confirming works once, until ${p.expiresAt}. Opening this page has not confirmed anything yet. If something is wrong, tell your coordinator instead.`,
    ],
    form: {
      button: 'Confirm my details',
      field: {
        name: 'comment',
        label: 'Comment (optional, e.g. a number that changes soon)',
        maxLength: 500,
      },
    },
  });

export const verifiedPage = (r: VerificationResult): string =>
  renderPage({
    title: 'Thank you: your details are confirmed',
    paragraphs: [`Confirmed at ${r.verifiedAt}. You will be asked again after ${r.nextVerificationDue}.`],
  });
