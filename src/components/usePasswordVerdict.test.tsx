import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../mock/test-setup.ts";
import { createQueryClient } from "../app/query-client.ts";
import { passwordStrength, validatePassword } from "../password/index.ts";
import { SERVER_CHECK_DELAY_MS, usePasswordVerdict } from "./usePasswordVerdict.ts";

const { server } = setupMockCoder();

// The debounce is driven by a fake clock, so "a pause" is exact and no test waits for real.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const VALIDATE = "*/api/v2/users/validate-password";
/** Time between keystrokes in a burst: well under the debounce. */
const KEY_GAP_MS = 100;
const WEAK = "asdfgq";
const STRONG = "Xq7!pL_2#vR9mK4z";

interface SentRequest {
  password: string | undefined;
  signal: AbortSignal;
}

/** Every validate-password request that reaches the network, in order, with its abort signal. */
function recordRequests(): SentRequest[] {
  const sent: SentRequest[] = [];
  server.events.on("request:start", ({ request }) => {
    if (!new URL(request.url).pathname.endsWith("/users/validate-password")) return;
    const entry: SentRequest = { password: undefined, signal: request.signal };
    sent.push(entry);
    void request
      .clone()
      .json()
      .then((body: { password: string }) => {
        entry.password = body.password;
      });
  });
  return sent;
}
afterEach(() => {
  server.events.removeAllListeners();
});

/**
 * A server that names the password in its answer, so a stale answer is recognisable wherever it
 * lands. Answers for passwords in `held` wait until released.
 */
function namingServer() {
  const held = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  server.use(
    http.post(VALIDATE, async ({ request }) => {
      const { password } = (await request.json()) as { password: string };
      await held.get(password)?.promise;
      return HttpResponse.json({ valid: false, details: `about ${password}` });
    }),
  );
  return {
    hold(password: string) {
      let resolve = () => {};
      const promise = new Promise<void>((done) => {
        resolve = done;
      });
      held.set(password, { promise, resolve });
    },
    release(password: string) {
      held.get(password)?.resolve();
    },
  };
}

async function advance(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

/** Lets the clock run in small steps until `check` passes (answers need a few ticks). */
async function eventually(check: () => void) {
  for (let step = 0; ; step++) {
    try {
      check();
      return;
    } catch (error) {
      if (step >= 100) throw error;
      await advance(10);
    }
  }
}

function renderVerdict(checkWithServer: boolean) {
  const queryClient = createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const renders: Array<{ password: string } & ReturnType<typeof usePasswordVerdict>> = [];
  const view = renderHook(
    ({ password }) => {
      const verdict = usePasswordVerdict(password, checkWithServer);
      renders.push({ password, ...verdict });
      return verdict;
    },
    { initialProps: { password: "" }, wrapper },
  );
  let value = "";
  return {
    renders,
    get current() {
      return view.result.current;
    },
    /** Sets the whole value at once (paste, select-all and delete). */
    set(password: string) {
      value = password;
      view.rerender({ password });
    },
    /** Types (or, with "\b", deletes) one character every KEY_GAP_MS. */
    async type(keys: string) {
      for (const key of keys) {
        value = key === "\b" ? value.slice(0, -1) : value + key;
        view.rerender({ password: value });
        await advance(KEY_GAP_MS);
      }
    },
    /** The rest of the debounce after the last keystroke of `type`. */
    async pause() {
      await advance(SERVER_CHECK_DELAY_MS - KEY_GAP_MS);
    },
  };
}

describe("usePasswordVerdict", () => {
  it("signed out: judges every keystroke locally and sends nothing, even after a pause", async () => {
    const sent = recordRequests();
    const field = renderVerdict(false);
    for (const prefix of ["a", "as", "asd"]) {
      field.set(prefix);
      expect(field.current.strength).toEqual(passwordStrength(prefix));
    }
    await field.type(`fgq${STRONG}`);
    await advance(5 * SERVER_CHECK_DELAY_MS);
    expect(field.current.strength).toEqual(passwordStrength(`asdfgq${STRONG}`));
    expect(field.current.settledPassword).toBe(`asdfgq${STRONG}`);
    field.set("");
    await advance(5 * SERVER_CHECK_DELAY_MS);
    expect(sent).toEqual([]);
    expect(field.renders.every((render) => render.server === undefined)).toBe(true);
  });

  it("signed in: a burst of typing sends exactly one request, after the pause, for the final value", async () => {
    const sent = recordRequests();
    const field = renderVerdict(true);
    // 16 keystrokes take 1.6 s: far longer than the debounce, but never a pause.
    await field.type(STRONG);
    expect(sent).toEqual([]);
    expect(field.current.settledPassword).toBe("");
    await advance(SERVER_CHECK_DELAY_MS - KEY_GAP_MS - 1);
    expect(sent).toEqual([]);
    await advance(1);
    await eventually(() => expect(field.current.server).toBeDefined());
    expect(sent.map((request) => request.password)).toEqual([STRONG]);
    expect(field.current.server).toEqual({ password: STRONG, valid: true, details: "" });
    expect(field.current.settledPassword).toBe(STRONG);
    // Waiting longer sends nothing more.
    await advance(10 * SERVER_CHECK_DELAY_MS);
    expect(sent).toHaveLength(1);
  });

  it("signed in: reports the server's sentence for a weak password, as the server words it", async () => {
    recordRequests();
    const field = renderVerdict(true);
    await field.type(WEAK);
    await field.pause();
    await eventually(() => expect(field.current.server).toBeDefined());
    const { valid, details } = validatePassword(WEAK);
    expect(field.current.server).toEqual({ password: WEAK, valid, details });
  });

  it("signed in: each new pause sends one more request, and clearing the field sends none", async () => {
    const sent = recordRequests();
    const field = renderVerdict(true);
    await field.type(WEAK);
    await field.pause();
    await eventually(() => expect(field.current.server?.password).toBe(WEAK));
    await field.type("XY");
    // The answer about "asdfgq" says nothing about "asdfgqXY".
    expect(field.current.server).toBeUndefined();
    await field.pause();
    await eventually(() => expect(field.current.server?.password).toBe(`${WEAK}XY`));
    field.set("");
    await advance(5 * SERVER_CHECK_DELAY_MS);
    expect(sent.map((request) => request.password)).toEqual([WEAK, `${WEAK}XY`]);
    expect(field.current.server).toBeUndefined();
  });

  it("shows the server's answer only while the password is exactly the one it was about", async () => {
    const sent = recordRequests();
    const { hold, release } = namingServer();
    const field = renderVerdict(true);
    hold(WEAK);
    await field.type(WEAK);
    await field.pause();
    await eventually(() => expect(sent).toHaveLength(1));
    // Typing resumes before the answer; it then arrives for a password no longer in the field.
    await field.type("Z");
    release(WEAK);
    await advance(SERVER_CHECK_DELAY_MS - KEY_GAP_MS - 10);
    expect(field.current.server).toBeUndefined();
    // Back to exactly "asdfgq" before a pause: its answer applies again, without asking twice.
    await field.type("\b");
    expect(field.current.server).toEqual({
      password: WEAK,
      valid: false,
      details: `about ${WEAK}`,
    });
    await advance(5 * SERVER_CHECK_DELAY_MS);
    expect(sent).toHaveLength(1);
    expectNoStaleVerdict(field.renders);
  });

  it("cancels the older request when a newer pause asks again, and never shows its answer", async () => {
    const sent = recordRequests();
    const { hold, release } = namingServer();
    const field = renderVerdict(true);
    hold(WEAK);
    await field.type(WEAK);
    await field.pause();
    await eventually(() => expect(sent).toHaveLength(1));
    await field.type("!7");
    await field.pause();
    await eventually(() => expect(field.current.server?.password).toBe(`${WEAK}!7`));
    expect(sent.map((request) => request.password)).toEqual([WEAK, `${WEAK}!7`]);
    expect(sent[0]?.signal.aborted).toBe(true);
    expect(sent[1]?.signal.aborted).toBe(false);
    // The old answer turning up late changes nothing.
    release(WEAK);
    await advance(5 * SERVER_CHECK_DELAY_MS);
    expect(field.current.server).toEqual({
      password: `${WEAK}!7`,
      valid: false,
      details: `about ${WEAK}!7`,
    });
    expect(sent).toHaveLength(2);
    expectNoStaleVerdict(field.renders);
  });

  it("falls back to the local rule when the server can't answer", async () => {
    const sent = recordRequests();
    server.use(
      http.post(VALIDATE, () => HttpResponse.json({ message: "Internal error." }, { status: 500 })),
    );
    const field = renderVerdict(true);
    await field.type(STRONG);
    await field.pause();
    await advance(5 * SERVER_CHECK_DELAY_MS);
    // Not retried: the next pause will ask again anyway.
    expect(sent).toHaveLength(1);
    expect(field.current.server).toBeUndefined();
    expect(field.current.strength.valid).toBe(true);
  });
});

/** Every render: a server verdict, if any, is about the password in the field at that moment. */
function expectNoStaleVerdict(
  renders: ReadonlyArray<{
    password: string;
    server: { password: string; details: string } | undefined;
  }>,
) {
  const stale = renders.filter(
    ({ password, server }) =>
      server !== undefined &&
      (server.password !== password || server.details !== `about ${password}`),
  );
  expect(stale).toEqual([]);
}
