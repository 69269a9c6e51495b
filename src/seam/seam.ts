// The seam's behaviour (see coder-seam.ts, its entry, for what it is and why).
import { publishSessionEvent, subscribeSessionEvents } from "../api/session-events.ts";
import { ownedLocation } from "./owned-location.ts";

/** How the seam leaves a page: the browser's own location, or a test's stand-in. */
export interface PageLoads {
  assign(url: string): void;
  replace(url: string): void;
  reload(): void;
}

const LOGOUT_PATH = "/api/v2/users/logout";

/** Coder's sign-out request (axios uses XMLHttpRequest, newer code may use fetch). */
function isSignOutRequest(method: string | undefined, url: string | URL | undefined): boolean {
  if ((method ?? "GET").toUpperCase() !== "POST" || url === undefined) return false;
  try {
    const target = new URL(String(url), location.href);
    return target.origin === location.origin && target.pathname === LOGOUT_PATH;
  } catch {
    return false;
  }
}

/** Where a history move is going, if it is one of our pages on this origin. */
function ownedTarget(url: string | URL | null | undefined): string | undefined {
  if (url === null || url === undefined) return undefined;
  try {
    return ownedLocation(new URL(String(url), location.href), location.origin);
  } catch {
    return undefined;
  }
}

type Undo = () => void;

function interceptHistory(loads: PageLoads): Undo {
  const proto = History.prototype;
  const push = proto.pushState;
  const replace = proto.replaceState;
  proto.pushState = function pushState(data, unused, url) {
    const target = ownedTarget(url);
    // A new entry, like the move Coder meant: Back returns to Coder's page.
    if (target) loads.assign(target);
    else push.call(this, data, unused, url);
  };
  proto.replaceState = function replaceState(data, unused, url) {
    const target = ownedTarget(url);
    // Coder replaces the entry (a signed-out deep link becomes /login?redirect=…): so do we.
    if (target) loads.replace(target);
    else replace.call(this, data, unused, url);
  };
  // Back or Forward onto an entry Coder made for one of our pages (before this script, or in a
  // tab that kept its history): the address is already ours, the document is not.
  const onPopState = () => {
    if (ownedTarget(location.href)) loads.reload();
  };
  addEventListener("popstate", onPopState);
  return () => {
    proto.pushState = push;
    proto.replaceState = replace;
    removeEventListener("popstate", onPopState);
  };
}

function watchSignOut(): Undo {
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function openRequest(
    this: XMLHttpRequest,
    method: string,
    url: string | URL,
    ...rest: unknown[]
  ) {
    if (isSignOutRequest(method, url)) {
      // Any answer ends the session: Coder clears its state whatever the status (a 401 included).
      this.addEventListener("loadend", () => {
        if (this.status !== 0) publishSessionEvent("signed-out");
      });
    }
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;

  const fetchOriginal = window.fetch;
  window.fetch = function fetchWatched(input: RequestInfo | URL, init?: RequestInit) {
    const response = fetchOriginal.call(this, input, init);
    const request = input instanceof Request ? input : undefined;
    const method = init?.method ?? request?.method;
    const url = request ? request.url : input instanceof URL ? input : String(input);
    if (isSignOutRequest(method, url)) {
      response.then(
        () => publishSessionEvent("signed-out"),
        () => undefined,
      );
    }
    return response;
  };
  return () => {
    XMLHttpRequest.prototype.open = open;
    window.fetch = fetchOriginal;
  };
}

function followOurSignOut(loads: PageLoads): Undo {
  return subscribeSessionEvents((event) => {
    if (event !== "signed-out" && event !== "password-changed") return;
    // The session this page ran on is gone: sign in again, then come back here.
    const here = `${location.pathname}${location.search}`;
    loads.assign(here === "/" ? "/login" : `/login?redirect=${encodeURIComponent(here)}`);
  });
}

/**
 * Puts the seam in place in this page (Coder's pages load it once, and it lives as long as the
 * page). Returns what takes it out again.
 */
export function installSeam(loads: PageLoads): Undo {
  const undo = [interceptHistory(loads), watchSignOut(), followOurSignOut(loads)];
  return () => {
    for (const each of undo) each();
  };
}
