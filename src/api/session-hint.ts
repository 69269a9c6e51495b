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

export function setSessionHint(signedIn: boolean) {
  try {
    if (signedIn) localStorage.setItem(KEY, "1");
    else localStorage.removeItem(KEY);
  } catch {
    // storage blocked: the hint is an optimisation only
  }
}
