// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  parseSessionEvent,
  publishSessionEvent,
  SESSION_EVENT_STORAGE_KEY,
  type SessionEvent,
  subscribeSessionEvents,
} from "./session-events.ts";

const CHANNEL = "coder-auth-ui.session";

/** Another tab: a channel of its own on the same name. */
function otherTab() {
  const channel = new BroadcastChannel(CHANNEL);
  const heard: unknown[] = [];
  channel.onmessage = (message: MessageEvent) => heard.push(message.data);
  return { channel, heard };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
});

describe("with BroadcastChannel", () => {
  it("tells other tabs, with nothing but the event's name and time", async () => {
    const tab = otherTab();
    cleanups.push(() => tab.channel.close());
    const before = Date.now();
    publishSessionEvent("signed-out");
    await tick();
    expect(tab.heard).toHaveLength(1);
    const message = JSON.parse(tab.heard[0] as string);
    expect(Object.keys(message).sort()).toEqual(["at", "event"]);
    expect(message.event).toBe("signed-out");
    expect(message.at).toBeGreaterThanOrEqual(before);
  });

  it("hears other tabs, and ignores what isn't one of its events", async () => {
    const heard: SessionEvent[] = [];
    cleanups.push(subscribeSessionEvents((event) => heard.push(event)));
    const tab = otherTab();
    cleanups.push(() => tab.channel.close());
    tab.channel.postMessage(JSON.stringify({ event: "password-changed", at: 1 }));
    tab.channel.postMessage(JSON.stringify({ event: "delete-everything", at: 1 }));
    tab.channel.postMessage("not json");
    tab.channel.postMessage({ event: "signed-in" });
    await tick();
    expect(heard).toEqual(["password-changed", "signed-in"]);
  });

  it("never hears itself, so a tab doesn't react to its own sign-out", async () => {
    const heard: SessionEvent[] = [];
    cleanups.push(subscribeSessionEvents((event) => heard.push(event)));
    const tab = otherTab();
    cleanups.push(() => tab.channel.close());
    publishSessionEvent("signed-out");
    await tick();
    expect(heard).toEqual([]);
    expect(tab.heard).toHaveLength(1);
  });

  it("stops listening when told to", async () => {
    const heard: SessionEvent[] = [];
    const stop = subscribeSessionEvents((event) => heard.push(event));
    stop();
    const tab = otherTab();
    cleanups.push(() => tab.channel.close());
    tab.channel.postMessage(JSON.stringify({ event: "signed-out", at: 1 }));
    await tick();
    expect(heard).toEqual([]);
  });
});

describe("without BroadcastChannel (the storage-event fallback)", () => {
  it("writes only the event's name and time, and leaves nothing in storage", () => {
    vi.stubGlobal("BroadcastChannel", undefined);
    const writes: Array<[string, string]> = [];
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(function (
      this: Storage,
      key: string,
      value: string,
    ) {
      writes.push([key, value]);
    });
    publishSessionEvent("password-changed");
    expect(writes).toHaveLength(1);
    const [key, value] = writes[0] as [string, string];
    expect(key).toBe(SESSION_EVENT_STORAGE_KEY);
    expect(Object.keys(JSON.parse(value)).sort()).toEqual(["at", "event"]);
    expect(JSON.parse(value).event).toBe("password-changed");
    expect(localStorage.getItem(SESSION_EVENT_STORAGE_KEY)).toBeNull();
  });

  it("hears other tabs' writes, and not their removals or other keys", () => {
    vi.stubGlobal("BroadcastChannel", undefined);
    const heard: SessionEvent[] = [];
    cleanups.push(subscribeSessionEvents((event) => heard.push(event)));
    const storage = (key: string, newValue: string | null) =>
      window.dispatchEvent(new StorageEvent("storage", { key, newValue }));
    storage(SESSION_EVENT_STORAGE_KEY, JSON.stringify({ event: "signed-in", at: 1 }));
    storage(SESSION_EVENT_STORAGE_KEY, null);
    storage("coder-auth-ui.signed-in", "1");
    storage(SESSION_EVENT_STORAGE_KEY, JSON.stringify({ event: "nonsense", at: 1 }));
    expect(heard).toEqual(["signed-in"]);
  });

  it("keeps quiet when storage is blocked", () => {
    vi.stubGlobal("BroadcastChannel", undefined);
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("blocked", "SecurityError");
    });
    expect(() => publishSessionEvent("signed-out")).not.toThrow();
  });
});

describe("parseSessionEvent", () => {
  it("accepts our four events, as JSON text or an object", () => {
    for (const event of ["signed-in", "signed-out", "password-changed", "password-reset"])
      expect(parseSessionEvent(JSON.stringify({ event, at: 0 }))).toBe(event);
    expect(parseSessionEvent({ event: "signed-out" })).toBe("signed-out");
    expect(parseSessionEvent(null)).toBeUndefined();
    expect(parseSessionEvent(42)).toBeUndefined();
    expect(parseSessionEvent(JSON.stringify({ event: "__proto__" }))).toBeUndefined();
  });
});
