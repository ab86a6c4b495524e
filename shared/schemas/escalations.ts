/** Escalations (`ESC-n`) of incidents and of playbook activations share one request and one shape. */
import * as z from 'zod/mini';
import { meta, Priority, Text, TimestampOut } from './common.js';

export const CreateEscalationBody = meta(
  z.strictObject({ reason: Text(2000), escalatedTo: Text(200), priority: z._default(Priority, 'high') }),
  { id: 'CreateEscalation' },
);
export type CreateEscalationBody = z.infer<typeof CreateEscalationBody>;

export const Escalation = meta(
  z.object({
    escalationId: z.string(),
    reason: z.string(),
    escalatedTo: z.string(),
    priority: Priority,
    escalatedAt: TimestampOut,
    escalatedBy: z.string(),
  }),
  { id: 'Escalation' },
);
export type Escalation = z.infer<typeof Escalation>;
