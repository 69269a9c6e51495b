import { act, render, renderHook, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/errors.ts";
import { LEAVING, type SubmitGuard, useSubmitGuard } from "./useSubmitGuard.ts";

/** A promise the test settles by hand, standing in for a request in flight. */
function deferred<T = undefined>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const rateLimited = (retryAfterSeconds?: number) =>
  new ApiError({ kind: "response", status: 429, message: "rate limited", retryAfterSeconds });
const refused = new ApiError({ kind: "response", status: 400, message: "Nope." });

function setup() {
  return renderHook(() => useSubmitGuard());
}

/** Runs an attempt inside act, returning run's promise (which never rejects). */
function start(
  guard: SubmitGuard,
  attempt: () => Promise<typeof LEAVING | undefined>,
  onFailure?: (error: unknown) => boolean,
) {
  let done: Promise<void> = Promise.resolve();
  act(() => {
    done = guard.run(attempt, onFailure);
  });
  return done;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("useSubmitGuard", () => {
  it("sends one request however many presses arrive while it is out", async () => {
    const { result } = setup();
    const request = deferred();
    const attempt = vi.fn(() => request.promise);
    // The same render's guard, as two presses in one tick would see it.
    const guard = result.current;
    const first = start(guard, attempt);
    const second = start(guard, attempt);
    expect(result.current.busy).toBe(true);
    start(result.current, attempt);
    expect(attempt).toHaveBeenCalledTimes(1);
    await act(async () => {
      request.resolve(undefined);
      await first;
      await second;
    });
    expect(result.current.busy).toBe(false);
  });

  it("opens again after a success that stays on the page", async () => {
    const { result } = setup();
    const attempt = vi.fn(async () => undefined);
    await act(() => result.current.run(attempt));
    await act(() => result.current.run(attempt));
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(result.current.busy).toBe(false);
    expect(result.current.failure).toBeNull();
  });

  it("stays locked and busy after an attempt that leaves the page", async () => {
    const { result } = setup();
    const attempt = vi.fn(async () => LEAVING);
    await act(() => result.current.run(attempt));
    await act(() => result.current.run(attempt));
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(result.current.busy).toBe(true);
  });

  it("opens again after a failure, which it keeps for the alert until the next attempt", async () => {
    const { result } = setup();
    await act(() =>
      result.current.run(async () => {
        throw refused;
      }),
    );
    expect(result.current.failure).toBe(refused);
    expect(result.current.busy).toBe(false);

    const request = deferred();
    const retry = vi.fn(() => request.promise);
    const done = start(result.current, retry);
    expect(retry).toHaveBeenCalledTimes(1);
    // A new attempt starts clean: the old message must not describe the new request.
    expect(result.current.failure).toBeNull();
    await act(async () => {
      request.resolve(undefined);
      await done;
    });
  });

  it("opens again even when the failure is not an Error", async () => {
    const { result } = setup();
    await act(() => result.current.run(() => Promise.reject("dropped")));
    expect(result.current.failure).toBe("dropped");
    const attempt = vi.fn(async () => undefined);
    await act(() => result.current.run(attempt));
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it("leaves a failure the form dealt with off the alert", async () => {
    const { result } = setup();
    const onFailure = vi.fn((error: unknown) => error === refused);
    await act(() =>
      result.current.run(async () => {
        throw refused;
      }, onFailure),
    );
    expect(onFailure).toHaveBeenCalledWith(refused);
    expect(result.current.failure).toBeNull();

    const other = new Error("boom");
    await act(() =>
      result.current.run(async () => {
        throw other;
      }, onFailure),
    );
    expect(result.current.failure).toBe(other);
  });

  it("clears a failure on request", async () => {
    const { result } = setup();
    await act(() => result.current.run(() => Promise.reject(refused)));
    act(() => result.current.clearFailure());
    expect(result.current.failure).toBeNull();
  });

  it("waits out a 429's Retry-After, counting down, then lets the form try again", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { result } = setup();
    await act(() => result.current.run(() => Promise.reject(rateLimited(3))));
    expect(result.current.retryIn).toBe(3);

    const attempt = vi.fn(async () => undefined);
    await act(() => result.current.run(attempt));
    expect(attempt).not.toHaveBeenCalled();

    act(() => vi.advanceTimersByTime(1000));
    expect(result.current.retryIn).toBe(2);
    act(() => vi.advanceTimersByTime(1000));
    expect(result.current.retryIn).toBe(1);
    await act(() => result.current.run(attempt));
    expect(attempt).not.toHaveBeenCalled();

    act(() => vi.advanceTimersByTime(1000));
    expect(result.current.retryIn).toBe(0);
    await act(() => result.current.run(attempt));
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it("waits a minute when a 429 doesn't say how long", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { result } = setup();
    await act(() => result.current.run(() => Promise.reject(rateLimited())));
    expect(result.current.retryIn).toBe(60);
  });

  it("doesn't wait after failures other than a 429", async () => {
    const { result } = setup();
    await act(() =>
      result.current.run(() =>
        Promise.reject(
          new ApiError({ kind: "response", status: 503, message: "x", retryAfterSeconds: 30 }),
        ),
      ),
    );
    expect(result.current.retryIn).toBe(0);
  });

  it("shares its lock with a second guard, so the two never send at once", async () => {
    const { result } = renderHook(() => {
      const change = useSubmitGuard();
      const resend = useSubmitGuard(change.lock);
      return { change, resend };
    });
    const request = deferred();
    const done = start(result.current.change, () => request.promise);
    const other = vi.fn(async () => undefined);
    await act(() => result.current.resend.run(other));
    expect(other).not.toHaveBeenCalled();
    await act(async () => {
      request.resolve(undefined);
      await done;
    });
    await act(() => result.current.resend.run(other));
    expect(other).toHaveBeenCalledTimes(1);
    // Each keeps its own failure and busy state.
    expect(result.current.change.busy).toBe(false);
  });

  it("in a form, a double click and Enter send one request", async () => {
    const request = deferred();
    const send = vi.fn(() => request.promise);
    function Form() {
      const guard = useSubmitGuard();
      return (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void guard.run(send);
          }}
        >
          <input aria-label="Name" />
          <button type="submit">Send</button>
        </form>
      );
    }
    const user = userEvent.setup();
    render(<Form />);
    await user.dblClick(screen.getByRole("button", { name: "Send" }));
    await user.type(screen.getByRole("textbox", { name: "Name" }), "x{Enter}");
    expect(send).toHaveBeenCalledTimes(1);
    await act(async () => request.resolve(undefined));
  });
});
