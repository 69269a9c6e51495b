// What every form (and every button that sends something) needs between a press and the server's
// answer: one request per press however fast Enter or the button is hit, a failure to show, the
// wait a 429 asks for, and a lock that opens again whatever went wrong.
//
// Deliberately free of any form library: it takes an async function, so a form built on
// react-hook-form, a plain button or a form whose libraries load on first interaction all use it
// the same way.
import { useRef, useState } from "react";
import { useRetryCountdown } from "./useCountdown.ts";

/**
 * What an attempt returns when it has sent the person elsewhere (a navigation, a full page load):
 * the guard then stays locked and busy, because a second press in the moment before the page goes
 * would send the request again (sign in twice, spend a used code).
 */
export const LEAVING = "leaving" as const;

/** A lock two guards can share, so that two actions of one form never send at once. */
export interface SubmitLock {
  current: boolean;
}

/**
 * What to do with a failure: return true when the form has dealt with it (say, put it on a field);
 * otherwise it becomes the guard's `failure`, for the form's alert.
 */
type FailureHandler = (error: unknown) => boolean;

export interface SubmitGuard {
  /**
   * Runs `attempt` unless another is running, the form has left, or a rate-limit wait is on; the
   * previous failure is cleared first. Never rejects: a thrown error goes to `onFailure`, then to
   * `failure`.
   */
  run(
    attempt: () => Promise<typeof LEAVING | undefined>,
    onFailure?: FailureHandler,
  ): Promise<void>;
  /** The last attempt's error, until the next attempt starts; null when there is none. */
  failure: unknown;
  /** Seconds until the server's 429 allows another try (from `Retry-After`); 0 when it does. */
  retryIn: number;
  /** True while an attempt is out, and for good once one has left. */
  busy: boolean;
  clearFailure(): void;
  /**
   * The person changed something in the form: the last failure is about what was there before,
   * so it goes (a stale "Incorrect email or password." beside a new field error misleads). A
   * rate-limit wait still running stays, since editing doesn't shorten it.
   */
  noteEdit(): void;
  /** This guard's lock, to pass to another guard that must not run at the same time. */
  lock: SubmitLock;
}

export function useSubmitGuard(sharedLock?: SubmitLock): SubmitGuard {
  const ownLock = useRef(false);
  const lock = sharedLock ?? ownLock;
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const retryIn = useRetryCountdown(failure);

  const run: SubmitGuard["run"] = async (attempt, onFailure) => {
    // A ref, not state: two presses in one tick both see the state of the render before them.
    if (lock.current || retryIn > 0) return;
    lock.current = true;
    setBusy(true);
    setFailure(null);
    let outcome: typeof LEAVING | undefined;
    try {
      outcome = await attempt();
    } catch (error) {
      lock.current = false;
      setBusy(false);
      if (!onFailure?.(error)) setFailure(error);
      return;
    }
    if (outcome === LEAVING) return;
    lock.current = false;
    setBusy(false);
  };

  const noteEdit = () => {
    if (failure !== null && retryIn === 0) setFailure(null);
  };

  return { run, failure, retryIn, busy, clearFailure: () => setFailure(null), noteEdit, lock };
}
