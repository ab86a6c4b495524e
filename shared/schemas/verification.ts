/** Contact-directory verification: `POST /verify/{token}` and `GET /directory/health` (docs/verification.md). */
import { z } from 'zod';
import { Text, TimestampOut } from './common.js';

export const VerifyContactBody = z
  .strictObject({
    comment: Text(500).optional().meta({
      description: 'Optional note from the contact (e.g. "new mobile number from June"), kept on the contact',
    }),
  })
  .meta({ id: 'VerifyContact', description: 'Optional; the body may be empty' });
export type VerifyContactBody = z.infer<typeof VerifyContactBody>;

export const VerificationResult = z
  .object({
    verified: z.literal(true),
    verifiedAt: TimestampOut,
    nextVerificationDue: TimestampOut,
  })
  .meta({
    id: 'VerificationResult',
    description: 'The contact behind the token is verified; the token is used up. Names no contact.',
  });
export type VerificationResult = z.infer<typeof VerificationResult>;

const StatusCounts = z.object({
  verified: z.number().int(),
  pending: z.number().int(),
  stale: z.number().int(),
});

const SweepCounts = z.object({
  due: z.number().int().meta({ description: 'Contacts the index returned as due or past grace' }),
  sent: z.number().int(),
  skipped: z.number().int(),
  stale: z.number().int(),
  failed: z.number().int(),
});

export const DirectoryHealth = z
  .object({
    asOf: TimestampOut.nullable().meta({
      description:
        'When the numbers were computed (end of the last completed sweep); null before the first sweep',
    }),
    total: StatusCounts,
    byOrganization: z.array(StatusCounts.extend({ organizationId: z.string(), name: z.string() })),
    byDimension: z.record(z.string(), StatusCounts),
    organizationsWithoutVerifiedPrimary: z
      .array(z.object({ organizationId: z.string(), name: z.string() }))
      .meta({ description: 'No live contact with a primary channel whose verification is confirmed' }),
    expiringAgreements: z
      .array(
        z.object({
          organizationId: z.string(),
          agreementId: z.string(),
          type: z.string(),
          expiresAt: TimestampOut,
        }),
      )
      .meta({ description: 'Valid sharing agreements expiring within 30 days of the sweep' }),
    contactsToReverify: z
      .array(
        z.object({
          contactId: z.string(),
          organizationId: z.string(),
          reason: z.string(),
          exerciseId: z.string(),
          findingId: z.string(),
          flaggedAt: TimestampOut,
        }),
      )
      .meta({
        description: 'Live contacts an exercise finding flagged for re-verification, not yet verified',
      }),
    lastSweep: z
      .object({
        runId: z.string(),
        startedAt: TimestampOut,
        completedAt: TimestampOut,
        invocations: z.number().int(),
        counts: SweepCounts,
        notified: z.object({
          staleOrganizations: z.number().int(),
          flagMessages: z.number().int(),
          failed: z.number().int(),
        }),
      })
      .nullable(),
    sweepInProgress: z
      .object({ runId: z.string(), startedAt: TimestampOut, phase: z.string(), counts: SweepCounts })
      .nullable()
      .meta({ description: 'A sweep that was cut off and will resume (null when none)' }),
  })
  .meta({ id: 'DirectoryHealth' });
export type DirectoryHealth = z.infer<typeof DirectoryHealth>;

/** A small self-contained HTML page (the public pages of verification and acknowledgement links). */
export const HtmlPage = z.string().meta({
  id: 'HtmlPage',
  description: 'text/html; no external assets; strict Content-Security-Policy; never cached',
});
