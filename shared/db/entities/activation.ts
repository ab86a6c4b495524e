/**
 * Playbook activation items, in the incident's item collection (the incident's ONE Query returns
 * them): the record `ACTIVATION#<id>` (counters, version), its coordinated actions
 * `ACTIVATION#<id>#A#<n>` and escalations `ACTIVATION#<id>#E#<n>`, and the pointer
 * `ACTIVATION#<id>` / `#ACTIVATION` (own partition) from the activation id to its incident.
 */
import type { Activation, ActivationEscalation, CoordinatedAction } from '../../schemas/coordination.js';
import { publicView } from '../items.js';
import { keys } from '../keys.js';
import { defineEntity } from './entity.js';

/** The activation record as stored: the activation without its children, with counters and version. */
export type ActivationRecord = Omit<Activation, 'actions' | 'escalations'> & {
  coordSeq: number;
  escSeq: number;
  version: number;
};

/** A coordinated action as stored (its incident named, versioned). */
export type StoredCoordinatedAction = CoordinatedAction & { incidentId: string; version: number };

export type StoredActivationEscalation = ActivationEscalation & { incidentId: string; activationId: string };

export interface ActivationPointer {
  readonly activationId: string;
  readonly incidentId: string;
}

/** Attributes of the record that are bookkeeping, not part of the activation's view. */
export const RECORD_HIDDEN = ['coordSeq', 'escSeq', 'version'];

export const activationEntity = defineEntity<ActivationRecord>({
  entity: 'activation',
  keyOf: (r) => keys.activation(r.incidentId, r.activationId),
});

/** `n` of `COORD-n`. */
const actionNumber = (actionId: string): number => Number(/^COORD-(\d+)$/.exec(actionId)?.[1]);

export const coordinatedActionEntity = defineEntity<StoredCoordinatedAction>({
  entity: 'coordinatedAction',
  keyOf: (a) => keys.coordinatedAction(a.incidentId, a.activationId, actionNumber(a.actionId)),
});

/** `n` of `ESC-n` (the incident's escalation series). */
const escalationNumber = (escalationId: string): number => Number(/^ESC-(\d+)$/.exec(escalationId)?.[1]);

export const activationEscalationEntity = defineEntity<StoredActivationEscalation>({
  entity: 'activationEscalation',
  keyOf: (e) => keys.activationEscalation(e.incidentId, e.activationId, escalationNumber(e.escalationId)),
});

export const activationPointerEntity = defineEntity<ActivationPointer>({
  entity: 'activationPointer',
  keyOf: (p) => keys.activationPointer(p.activationId),
});

/** Groups `ACTIVATION#` items into activations with their coordinated actions and escalations. */
export function activationsFrom(items: readonly Record<string, unknown>[]): Activation[] {
  const heads = items.filter((i) => /^ACTIVATION#[^#]+$/.test(String(i.sk)));
  return heads.map((h) => {
    const prefix = `${String(h.sk)}#`;
    const of = (kind: string) => items.filter((i) => String(i.sk).startsWith(`${prefix}${kind}#`));
    return {
      ...publicView<Omit<Activation, 'actions' | 'escalations'>>(h, RECORD_HIDDEN),
      actions: of('A').map((i) => publicView<CoordinatedAction>(i, ['incidentId', 'version'])),
      escalations: of('E').map((i) => publicView<ActivationEscalation>(i, ['incidentId', 'activationId'])),
    };
  });
}
