/**
 * The memory form of a TransactPart handed from one repository to another's transaction: its
 * checks (throwing what the DynamoDB repository answers) and its writes, remembered by identity.
 */
import { TransactPart } from '../../../shared/db/transact.js';

const parts = new WeakMap<TransactPart, { check: () => void; apply: () => void }>();

/** A part whose `check` throws when its conditions fail and whose `apply` writes it. */
export function memoryPart(check: () => void, apply: () => void): TransactPart {
  const part = new TransactPart([]);
  parts.set(part, { check, apply });
  return part;
}

/** Checks every part, then applies them all (all or nothing, as one transaction). */
export function commitParts(list: readonly TransactPart[]): void {
  const known = list.map((p) => {
    const m = parts.get(p);
    if (!m) throw new Error('memory: a part not built by a memory repository');
    return m;
  });
  for (const m of known) m.check();
  for (const m of known) m.apply();
}
