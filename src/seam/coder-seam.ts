// The seam: a small script of ours that runs inside Coder's dashboard. The front door adds it to
// the HTML of Coder's pages (nginx's sub_filter, the dev and preview servers), as
// <script defer src="/auth-ui/coder-seam.js">, right after <head>, so it runs before Coder's own
// module scripts. It does two things and nothing else:
//   1. Coder's dashboard is a single-page app: when it sends someone to /login (after a 401 or a
//      sign-out), /reset-password, /setup or /settings/security, it moves there in the page and
//      renders its own version. A move to one of our pages becomes a real page load instead, so
//      the front door answers it with ours.
//   2. Sign-out crosses the seam: Coder's "Sign out" is told to our open tabs, and a sign-out
//      (or password change) in one of our tabs sends Coder's open tabs to our sign-in page. The
//      channel is the one our tabs already share; the message names the event, nothing more.
// Built on its own (vite.seam.config.ts) as one classic script with a stable name, so Coder's
// HTML never needs to know a hash.
import { installSeam } from "./seam.ts";

// Never break Coder's page: a browser without what this needs keeps Coder's own behaviour.
try {
  installSeam(window.location);
} catch {
  // Nothing to do.
}
