/** Child ids are `<PREFIX>-<n>`; their sort keys carry `n` (zero-padded). */
export function childNumber(id: string): number {
  const n = Number(id.slice(id.lastIndexOf('-') + 1));
  if (!Number.isInteger(n) || n < 1) throw new Error(`Not a child id: ${id}`);
  return n;
}

/** Attributes of a stored child that its public view does not show. */
export const CHILD_BOOKKEEPING: readonly string[] = ['incidentId'];
