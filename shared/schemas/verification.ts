/** Contact-directory verification: `POST /verify/{token}` and `GET /directory/health` (docs/verification.md). */
import * as z from 'zod/mini';
import { meta, Text, TimestampOut } from './common.js';

export const VerifyContactBody = meta(
  z.strictObject({
    comment: meta(z.optional(Text(500)), {
      description: 'Optional note from the contact (e.g. "new mobile number from June"), kept on the contact',
    }),
  }),
  { id: 'VerifyContact', description: 'Optional; the body may be empty' },
);
export type VerifyContactBody = z.infer<typeof VerifyContactBody>;

export const VerificationResult = meta(
  z.object({
    verified: z.literal(true),
    verifiedAt: TimestampOut,
    nextVerificationDue: TimestampOut,
  }),
  {
    id: 'VerificationResult',
    description: 'The contact behind the token is verified; the token is used up. Names no contact.',
  },
);
export type VerificationResult = z.infer<typeof VerificationResult>;

const StatusCounts = z.object({
  verified: z.number().check(z.int()),
  pending: z.number().check(z.int()),
  stale: z.number().check(z.int()),
});

const SweepCounts = z.object({
  due: meta(z.number().check(z.int()), { description: 'Contacts the index returned as due or past grace' }),
  sent: z.number().check(z.int()),
  skipped: z.number().check(z.int()),
  stale: z.number().check(z.int()),
  failed: z.number().check(z.int()),
});

export const DirectoryHealth = meta(
  z.object({
    asOf: meta(z.nullable(TimestampOut), {
      description:
        'When the numbers were computed (end of the last completed sweep); null before the first sweep',
    }),
    total: StatusCounts,
    byOrganization: z.array(z.extend(StatusCounts, { organizationId: z.string(), name: z.string() })),
    byDimension: z.record(z.string(), StatusCounts),
    organizationsWithoutVerifiedPrimary: meta(
      z.array(z.object({ organizationId: z.string(), name: z.string() })),
      { description: 'No live contact with a primary channel whose verification is confirmed' },
    ),
    expiringAgreements: meta(
      z.array(
        z.object({
          organizationId: z.string(),
          agreementId: z.string(),
          type: z.string(),
          expiresAt: TimestampOut,
        }),
      ),
      { description: 'Valid sharing agreements expiring within 30 days of the sweep' },
    ),
    contactsToReverify: meta(
      z.array(
        z.object({
          contactId: z.string(),
          organizationId: z.string(),
          reason: z.string(),
          exerciseId: z.string(),
          findingId: z.string(),
          flaggedAt: TimestampOut,
        }),
      ),
      { description: 'Live contacts an exercise finding flagged for re-verification, not yet verified' },
    ),
    lastSweep: z.nullable(
      z.object({
        runId: z.string(),
        startedAt: TimestampOut,
        completedAt: TimestampOut,
        invocations: z.number().check(z.int()),
        counts: SweepCounts,
        notified: z.object({
          staleOrganizations: z.number().check(z.int()),
          flagMessages: z.number().check(z.int()),
          failed: z.number().check(z.int()),
        }),
      }),
    ),
    sweepInProgress: meta(
      z.nullable(
        z.object({ runId: z.string(), startedAt: TimestampOut, phase: z.string(), counts: SweepCounts }),
      ),
      { description: 'A sweep that was cut off and will resume (null when none)' },
    ),
  }),
  { id: 'DirectoryHealth' },
);
export type DirectoryHealth = z.infer<typeof DirectoryHealth>;

/** A small self-contained HTML page (the public pages of verification and acknowledgement links). */
export const HtmlPage = meta(z.string(), {
  id: 'HtmlPage',
  description: 'text/html; no external assets; strict Content-Security-Policy; never cached',
});
