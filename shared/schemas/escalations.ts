/** Escalations (`ESC-n`) of incidents and of playbook activations share one request and one shape. */
import { z } from 'zod';
import { Priority, Text, TimestampOut } from './common.js';

export const CreateEscalationBody = z
  .strictObject({ reason: Text(2000), escalatedTo: Text(200), priority: Priority.default('high') })
  .meta({ id: 'CreateEscalation' });
export type CreateEscalationBody = z.infer<typeof CreateEscalationBody>;

export const Escalation = z
  .object({
    escalationId: z.string(),
    reason: z.string(),
    escalatedTo: z.string(),
    priority: Priority,
    escalatedAt: TimestampOut,
    escalatedBy: z.string(),
  })
  .meta({ id: 'Escalation' });
export type Escalation = z.infer<typeof Escalation>;
