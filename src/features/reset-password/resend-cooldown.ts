// When this tab may next ask for a passcode for an address. The server would allow 60 requests a
// minute; this is a courtesy so a person doesn't flood their own inbox (or someone else's), and
// so the wait survives a reload.
//
// What is stored: per address, one time (epoch ms). Not a secret and not trusted by anyone: the
// server enforces its own limit, and knowing or editing the time lets nobody do anything except
// skip a courtesy wait. The address is stored as a short hash, only so it isn't written out in
// plain text. sessionStorage: per tab, gone when the tab closes. Never a code or a password.
import { useSyncExternalStore } from "react";
import { useCountdown } from "../../components/useCountdown.ts";

export const RESEND_COOLDOWN_MS = 60_000;
const STORAGE_KEY = "coder-auth-ui.reset-code-cooldown";

type Entries = Record<string, number>;

/** FNV-1a, 32 bits: a stable, synchronous key; not meant to hide anything from anyone. */
function hashAddress(email: string): string {
  const normalised = email.trim().toLowerCase();
  let hash = 0x811c9dc5;
  for (let i = 0; i < normalised.length; i++) {
    hash ^= normalised.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

// Storage can be blocked (privacy settings, sandboxed frames); memory still covers this page.
let memory: Entries = {};

function read(): Entries {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return memory;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    const entries: Entries = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === "number" && Number.isFinite(value)) entries[key] = value;
    }
    return entries;
  } catch {
    return memory;
  }
}

function write(entries: Entries) {
  memory = entries;
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(entries));
  } catch {
    // blocked storage: memory only
  }
}

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The stored time for `email`, expired or not (a stable snapshot: it changes only on writes). */
function storedTime(email: string): number | undefined {
  if (email.trim() === "") return undefined;
  return read()[hashAddress(email)];
}

/** When a code may next be requested for `email` (epoch ms), or undefined if it may now. */
export function nextRequestAt(email: string, now = Date.now()): number | undefined {
  const at = storedTime(email);
  return at !== undefined && at > now ? at : undefined;
}

/** Note that a code was just requested (or the server asked us to wait until `until`). */
export function recordRequest(email: string, until = Date.now() + RESEND_COOLDOWN_MS) {
  const now = Date.now();
  const entries: Entries = {};
  // Drop what has expired, so the entry list never grows past the addresses of the last minute.
  for (const [key, value] of Object.entries(read())) if (value > now) entries[key] = value;
  const key = hashAddress(email);
  entries[key] = Math.max(entries[key] ?? 0, until);
  write(entries);
  for (const listener of listeners) listener();
}

/** Forget every cooldown (tests). */
export function clearCooldowns() {
  memory = {};
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
  for (const listener of listeners) listener();
}

/** Seconds until a code may be requested again for `email`, ticking; 0 when it may now. */
export function useResendCooldown(email: string): number {
  const until = useSyncExternalStore(
    subscribe,
    () => storedTime(email),
    () => undefined,
  );
  return useCountdown(until);
}
