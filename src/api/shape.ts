// The shapes of Coder's response bodies, checked on arrival: a body that is not what we rely on
// becomes a "malformed response" error instead of a crash deep in a page. Every page needs this
// at load, before anyone types; zod (which the forms use) would add about 6 KB Brotli to that
// first download for the handful of checks a response needs, so they are written out here.
// Objects are loose: a newer Coder may add fields, and that must not break sign-in.

/** Reads `value` as a T, or throws a ShapeMismatch. */
export type Shape<T> = (value: unknown) => T;

/** A field that may be absent: its key is optional in the object's type. */
interface OptionalShape<T> extends Shape<T | undefined> {
  readonly optional: true;
}

export type Infer<S> = S extends Shape<infer T> ? T : never;

class ShapeMismatch extends Error {}

function mismatch(): never {
  throw new ShapeMismatch();
}

export const string: Shape<string> = (value) => (typeof value === "string" ? value : mismatch());

export const nonEmptyString: Shape<string> = (value) =>
  typeof value === "string" && value !== "" ? value : mismatch();

export const boolean: Shape<boolean> = (value) => (typeof value === "boolean" ? value : mismatch());

export const number: Shape<number> = (value) =>
  typeof value === "number" && Number.isFinite(value) ? value : mismatch();

export function optional<T>(shape: Shape<T>): OptionalShape<T> {
  return Object.assign((value: unknown) => (value === undefined ? undefined : shape(value)), {
    optional: true as const,
  });
}

export function nullable<T>(shape: Shape<T>): Shape<T | null> {
  return (value) => (value === null ? null : shape(value));
}

/** Absent means `fallback` (Go leaves empty fields out). */
export function withDefault<T>(shape: Shape<T>, fallback: T): Shape<T> {
  return (value) => (value === undefined ? fallback : shape(value));
}

export function array<T>(item: Shape<T>): Shape<T[]> {
  return (value) => (Array.isArray(value) ? value.map((entry) => item(entry)) : mismatch());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function record<T>(entry: Shape<T>): Shape<Record<string, T>> {
  return (value) => {
    if (!isRecord(value)) return mismatch();
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, entry(item)]));
  };
}

type Fields = Record<string, Shape<unknown>>;
type OptionalKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends OptionalShape<unknown> ? K : never;
}[keyof F];
type ObjectOf<F extends Fields> = {
  [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]>;
} & { [K in OptionalKeys<F>]?: Infer<F[K]> };

/** An object with at least these fields; other fields are kept as they came. */
export function object<F extends Fields>(fields: F): Shape<ObjectOf<F>> {
  return (value) => {
    if (!isRecord(value)) return mismatch();
    const result: Record<string, unknown> = { ...value };
    for (const [key, field] of Object.entries(fields)) {
      const read = field(value[key]);
      if (read !== undefined || Object.hasOwn(value, key)) result[key] = read;
    }
    return result as ObjectOf<F>;
  };
}

/** Reads `value` with `shape`: its result, or `{ ok: false }` where it doesn't fit. */
export function check<T>(shape: Shape<T>, value: unknown): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: shape(value) };
  } catch (error) {
    if (error instanceof ShapeMismatch) return { ok: false };
    throw error;
  }
}
