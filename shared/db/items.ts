import { INTERNAL_ATTRIBUTES } from './keys.js';

/** Strips key and bookkeeping attributes so an item can leave the data layer. */
export function publicView<T>(item: Record<string, unknown>, extraHidden: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (!INTERNAL_ATTRIBUTES.includes(k) && !extraHidden.includes(k)) out[k] = v;
  }
  return out as T;
}
