// A deployment with password sign-in off and exactly one provider: the sign-in page sends the
// browser straight to it (coder/coder#6015). What keeps that from ever looping: the page stays
// put when the visitor has just come back with a message (a failed round trip, a sign-out), when
// they ask for it with ?choose=1, and for a while after it last sent them, whatever brought
// them back (Back from the provider, a failure Coder reported elsewhere).

import { momentWithin, noteMoment } from "../../lib/tab-moments.ts";

/** How long after sending someone to the provider the page stays put if they come back. */
export const AUTO_START_COOLDOWN_MS = 5 * 60_000;

const KEY = "coder-auth-ui.sso-auto-start";

/** Whether the page sent this tab to the provider a moment ago. */
export function autoStartedRecently(now = Date.now()): boolean {
  // Storage blocked: no way to tell, so never send anyone on automatically.
  return momentWithin(KEY, AUTO_START_COOLDOWN_MS, now) ?? true;
}

/** Note that this tab is being sent to the provider now. */
export function markAutoStart(now = Date.now()): void {
  noteMoment(KEY, now);
}
