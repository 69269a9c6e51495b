// @vitest-environment jsdom
// The seam in a page of Coder's dashboard: what its router's moves become, and how sign-out
// crosses between Coder's tabs and ours.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { subscribeSessionEvents } from "../api/session-events.ts";
import { installSeam, type PageLoads } from "./seam.ts";

let loads: {
  assign: ReturnType<typeof vi.fn>;
  replace: ReturnType<typeof vi.fn>;
  reload: ReturnType<typeof vi.fn>;
};
let uninstall: () => void;

beforeEach(() => {
  window.history.replaceState(null, "", "/workspaces");
  loads = { assign: vi.fn(), replace: vi.fn(), reload: vi.fn() };
  uninstall = installSeam(loads as unknown as PageLoads);
});
afterEach(() => {
  uninstall();
  window.history.replaceState(null, "", "/");
});

describe("Coder's router moving in the page", () => {
  it.each([
    ["/login?redirect=%2Fworkspaces", "/login?redirect=%2Fworkspaces"],
    ["/reset-password", "/reset-password"],
    ["/settings/security", "/settings/security"],
    ["/setup", "/setup"],
    ["/cli-auth", "/cli-auth"],
    ["/login/device?x=1", "/login/device?x=1"],
    [`${window.location.origin}/login`, "/login"],
    ["/LOGIN/", "/login"],
    ["/.well-known/change-password", "/.well-known/change-password"],
  ])("a push to %s becomes a page load of %s, with a history entry of its own", (to, load) => {
    window.history.pushState({ key: "k" }, "", to);
    expect(loads.assign).toHaveBeenCalledExactlyOnceWith(load);
    expect(loads.replace).not.toHaveBeenCalled();
    // Coder's page stays where it was until the browser leaves it.
    expect(window.location.pathname).toBe("/workspaces");
  });

  it("a replace (a signed-out deep link) replaces the entry with our page", () => {
    window.history.replaceState(null, "", "/login?redirect=%2Ftemplates%3Fa%3D1");
    expect(loads.replace).toHaveBeenCalledExactlyOnceWith("/login?redirect=%2Ftemplates%3Fa%3D1");
    expect(loads.assign).not.toHaveBeenCalled();
  });

  it.each([
    "/templates",
    "/settings/account",
    "/settings/appearance",
    "/@admin/myws",
    "/auth-ui/main.js",
    "/api/v2/users/me",
    "/loginx",
    "https://elsewhere.example/login",
  ])("leaves a move to %s to Coder", (to) => {
    try {
      window.history.pushState(null, "", to);
    } catch {
      // jsdom refuses another origin, as browsers do: nothing of ours happened either.
    }
    expect(loads.assign).not.toHaveBeenCalled();
    expect(loads.replace).not.toHaveBeenCalled();
  });

  it("Back or Forward onto an entry for one of our pages loads that page", () => {
    window.history.replaceState(null, "", "/workspaces");
    window.dispatchEvent(new PopStateEvent("popstate"));
    expect(loads.reload).not.toHaveBeenCalled();
    // An entry Coder's router made before the seam was there (the address is ours already).
    uninstall();
    window.history.replaceState(null, "", "/settings/security");
    uninstall = installSeam(loads as unknown as PageLoads);
    window.dispatchEvent(new PopStateEvent("popstate"));
    expect(loads.reload).toHaveBeenCalledOnce();
  });

  it("takes itself out again: the history methods are the browser's own", () => {
    uninstall();
    window.history.pushState(null, "", "/login");
    expect(window.location.pathname).toBe("/login");
    expect(loads.assign).not.toHaveBeenCalled();
    uninstall = () => {};
  });
});

describe("sign-out across the seam", () => {
  /** What our app's tabs hear (a channel of their own, as another tab would have). */
  function ourTab() {
    const heard: string[] = [];
    const channel = new BroadcastChannel("coder-auth-ui.session");
    channel.onmessage = (event) => heard.push(JSON.parse(event.data as string).event);
    return { heard, close: () => channel.close() };
  }

  it("Coder's own sign-out (its XMLHttpRequest) is told to our tabs, and nothing else is", async () => {
    const tab = ourTab();
    const server = vi.fn((_method: string, _url: string) => 204);
    // jsdom's XHR does real requests; answer them here instead.
    const xhrOpen = vi.spyOn(XMLHttpRequest.prototype, "send").mockImplementation(function (
      this: XMLHttpRequest,
    ) {
      Object.defineProperty(this, "status", { value: server("", ""), configurable: true });
      this.dispatchEvent(new ProgressEvent("loadend"));
    });
    try {
      for (const [method, url] of [
        ["GET", "/api/v2/users/me"],
        ["POST", "/api/v2/users/logout"],
      ] as const) {
        const request = new XMLHttpRequest();
        request.open(method, url);
        request.send();
      }
      await vi.waitFor(() => expect(tab.heard).toEqual(["signed-out"]));
    } finally {
      xhrOpen.mockRestore();
      tab.close();
    }
  });

  it("Coder's sign-out through fetch is told too, once it is answered", async () => {
    const tab = ourTab();
    const answered = vi.fn(async () => new Response(null, { status: 204 }));
    uninstall();
    const original = window.fetch;
    window.fetch = answered as unknown as typeof fetch;
    uninstall = installSeam(loads as unknown as PageLoads);
    try {
      await window.fetch("/api/v2/users/logout", { method: "POST" });
      await window.fetch("/api/v2/users/logout"); // a GET is not a sign-out
      await vi.waitFor(() => expect(tab.heard).toEqual(["signed-out"]));
      expect(answered).toHaveBeenCalledTimes(2);
    } finally {
      uninstall();
      window.fetch = original;
      uninstall = () => {};
      tab.close();
    }
  });

  it.each([
    ["signed-out", "/login?redirect=%2Fworkspaces%3Ftab%3D2"],
    ["password-changed", "/login?redirect=%2Fworkspaces%3Ftab%3D2"],
  ] as const)(
    "our tab's %s sends this Coder page to our sign-in, to come back",
    async (event, to) => {
      window.history.replaceState(null, "", "/workspaces?tab=2");
      // Another tab: its own channel, so this page hears it.
      const channel = new BroadcastChannel("coder-auth-ui.session");
      channel.postMessage(JSON.stringify({ event, at: Date.now() }));
      channel.close();
      await vi.waitFor(() => expect(loads.assign).toHaveBeenCalledExactlyOnceWith(to));
    },
  );

  it("a sign-in elsewhere changes nothing here", async () => {
    const heard = vi.fn();
    const stop = subscribeSessionEvents(heard);
    const channel = new BroadcastChannel("coder-auth-ui.session");
    channel.postMessage(JSON.stringify({ event: "signed-in", at: Date.now() }));
    channel.close();
    await new Promise((done) => setTimeout(done, 50));
    stop();
    expect(heard).toHaveBeenCalledWith("signed-in");
    expect(loads.assign).not.toHaveBeenCalled();
  });
});
