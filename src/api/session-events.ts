// Every open tab of the app shares one session (the HttpOnly cookie), but each has its own idea
// of who is signed in. When one tab signs in or out, or changes the password, it tells the others
// at once: a BroadcastChannel where the browser has one, else a `storage` event. Either way the
// message is only the event's name and when it happened, never anything about the account.

const SESSION_EVENTS = ["signed-in", "signed-out", "password-changed", "password-reset"] as const;
export type SessionEvent = (typeof SESSION_EVENTS)[number];

const CHANNEL = "coder-auth-ui.session";
export const SESSION_EVENT_STORAGE_KEY = "coder-auth-ui.session-event";

function hasBroadcastChannel(): boolean {
  return typeof BroadcastChannel === "function";
}

function message(event: SessionEvent): string {
  return JSON.stringify({ event, at: Date.now() });
}

/** The event a message names, if it is one of ours; anything else is ignored. */
export function parseSessionEvent(data: unknown): SessionEvent | undefined {
  let value = data;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== "object" || value === null || !("event" in value)) return undefined;
  const { event } = value as { event: unknown };
  return (SESSION_EVENTS as readonly unknown[]).includes(event)
    ? (event as SessionEvent)
    : undefined;
}

type Listener = (event: SessionEvent) => void;

/**
 * This tab's one channel while anything listens. A channel never hears its own messages, so
 * publishing through the same object keeps a tab from reacting to what it just said itself.
 */
let shared: { channel: BroadcastChannel; listeners: Set<Listener> } | undefined;

/** Tell the app's other tabs (never this one) that the session changed. */
export function publishSessionEvent(event: SessionEvent): void {
  if (hasBroadcastChannel()) {
    if (shared) {
      shared.channel.postMessage(message(event));
    } else {
      // Nothing listens here: a short-lived channel (messages posted are delivered after close).
      const channel = new BroadcastChannel(CHANNEL);
      channel.postMessage(message(event));
      channel.close();
    }
    return;
  }
  try {
    // Other tabs see the write as a `storage` event (this one doesn't); removing the entry at
    // once keeps nothing behind (the removal is a second event, which listeners ignore).
    localStorage.setItem(SESSION_EVENT_STORAGE_KEY, message(event));
    localStorage.removeItem(SESSION_EVENT_STORAGE_KEY);
  } catch {
    // Storage blocked: other tabs find out on their next request instead.
  }
}

/** Listen to the other tabs. Returns the function that stops listening. */
export function subscribeSessionEvents(listener: Listener): () => void {
  if (hasBroadcastChannel()) {
    if (!shared) {
      const channel = new BroadcastChannel(CHANNEL);
      const listeners = new Set<Listener>();
      channel.onmessage = (incoming: MessageEvent) => {
        const event = parseSessionEvent(incoming.data);
        if (event) for (const each of [...listeners]) each(event);
      };
      shared = { channel, listeners };
    }
    const current = shared;
    current.listeners.add(listener);
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && shared === current) {
        current.channel.close();
        shared = undefined;
      }
    };
  }
  if (typeof window === "undefined") return () => {};
  const onStorage = (incoming: StorageEvent) => {
    if (incoming.key !== SESSION_EVENT_STORAGE_KEY || incoming.newValue === null) return;
    const event = parseSessionEvent(incoming.newValue);
    if (event) listener(event);
  };
  window.addEventListener("storage", onStorage);
  return () => window.removeEventListener("storage", onStorage);
}
