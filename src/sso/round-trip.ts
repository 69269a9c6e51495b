// A tab that leaves the sign-in page for an identity provider can come back with a session Coder
// then refuses: a suspended account. Coder's callback signs it in anyway and sends it on to the
// dashboard, whose own check sends it back to sign in without a word of why. So the sign-in
// route's prefetch (app/routes.ts) asks who is signed in once after such a trip (it asks nobody
// otherwise: a browser with no session would only be refused), and users/me says "suspended". A
// trip that failed comes back with a message saying so, and made no session: nobody is asked then.
import { forgetMoment, momentWithin, noteMoment } from "../lib/tab-moments.ts";

/** Longer than a provider's sign-in takes; a tab that comes back later than this is not asked. */
const ROUND_TRIP_MS = 15 * 60_000;

const KEY = "coder-auth-ui.sso-round-trip";

/** Note that this tab is leaving for a provider now. */
export function markRoundTrip(now = Date.now()): void {
  noteMoment(KEY, now);
}

/** Whether this tab came back from a provider a moment ago and has not been asked about it. */
export function backFromRoundTrip(now = Date.now()): boolean {
  // Storage blocked: the page just won't know why a refused account came back.
  return momentWithin(KEY, ROUND_TRIP_MS, now) ?? false;
}

/** Back from a trip with no message saying how it went: worth asking who is signed in. */
export function backFromSilentRoundTrip(search: string, now = Date.now()): boolean {
  return backFromRoundTrip(now) && !new URLSearchParams(search).has("message");
}

/** The trip has been asked about: later visits to the sign-in page ask nobody. */
export function forgetRoundTrip(): void {
  forgetMoment(KEY);
}
