// A one-bit hint, "this browser signed in before", so signed-out pages can skip asking
// /users/me (a guaranteed 401 for most visitors, logged by browsers as a failed request).
// Not a secret and not trusted: protected pages always ask the server.
const KEY = "coder-auth-ui.signed-in";

export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(KEY) === "1";
  } catch {
    return true; // storage blocked: fall back to asking the server
  }
}

// Set when the server answers "nobody" to a browser that had the hint: the session has ended
// (expired, revoked) rather than never existed. In memory only, for this page's life.
let ended = false;

/** The server says nobody is signed in (a 401 from users/me). */
export function noteSignedOutByServer() {
  const hadSession = hasSessionHint();
  setSessionHint(false);
  ended = hadSession;
}

/** Whether a session of this browser ended while this page was loading or open. */
export function sessionHasEnded(): boolean {
  return ended;
}

/** Signed in, or signed out on purpose (which is not a session ending by itself). */
export function setSessionHint(signedIn: boolean) {
  ended = false;
  try {
    if (signedIn) localStorage.setItem(KEY, "1");
    else localStorage.removeItem(KEY);
  } catch {
    // storage blocked: the hint is an optimisation only
  }
}
