// Moments a tab notes for itself across its own page loads (it left for a provider, it was sent
// on automatically): a time in this tab's sessionStorage under a key, nothing about the visitor.
// Where storage is blocked nothing can be told; each caller decides what that means for it.

/** Note that `key` happened now. */
export function noteMoment(key: string, now = Date.now()): void {
  try {
    sessionStorage.setItem(key, String(now));
  } catch {
    // Storage blocked: `momentWithin` answers undefined.
  }
}

/** Whether `key` was noted less than `ms` ago; undefined where storage is blocked. */
export function momentWithin(key: string, ms: number, now = Date.now()): boolean | undefined {
  try {
    const at = Number(sessionStorage.getItem(key));
    return Number.isFinite(at) && at > 0 && now - at < ms;
  } catch {
    return undefined;
  }
}

/** Forget `key`. */
export function forgetMoment(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // nothing to forget
  }
}
