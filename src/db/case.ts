/**
 * Rows stay inside src/db: a row's snake_case columns become the camelCase fields of what the
 * module returns, and what a caller writes goes back the other way, key by key.
 */

type CamelKey<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelKey<Tail>>}` : S;

/** A row's type with its keys in camelCase (`revenue_cents` → `revenueCents`). */
export type Camel<T> = { [K in keyof T as K extends string ? CamelKey<K> : K]: T[K] };

/** The row's values under camelCase keys. */
export function camel<T extends object>(row: T): Camel<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  return out as Camel<T>;
}

/** Values under camelCase keys as the row's columns; keys left undefined are dropped (not written). */
export function snake<T extends object>(value: Camel<T>): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
  return out as T;
}
