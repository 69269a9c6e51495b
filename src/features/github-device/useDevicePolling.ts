// Asks Coder whether GitHub has authorized the device, at GitHub's pace, until something other
// than "not yet" comes back or the code runs out.
import { useEffect, useState } from "react";
import type { ApiError } from "../../api/errors.ts";
import { pollGithubDevice, pollIntervalAfter } from "../../api/github-device.ts";
import type { ExternalAuthDevice } from "../../api/schemas.ts";

export type DevicePollStatus =
  /** Not authorized yet. `unreachable`: the last poll got no usable answer; polling goes on. */
  | { kind: "waiting"; unreachable: boolean }
  /** The code ran out; `unreachable`: the last poll got no usable answer (Coder was away). */
  | { kind: "expired"; unreachable: boolean }
  | { kind: "denied" }
  /** Coder refused for good (state cookie gone, account not allowed, …): polling stopped. */
  | { kind: "refused"; error: ApiError }
  | { kind: "signed-in"; redirectTo: string };

/**
 * A failure that says nothing about the device: no answer, a proxy's error page, a rate limit.
 * The code is still good, so the next poll may well work.
 */
function isPassing(error: ApiError): boolean {
  if (error.kind === "network" || error.kind === "timeout") return true;
  if (error.status === 429) return true;
  return error.status >= 500 && !error.fromServer;
}

/**
 * Polls for `device` (until `expiresAt`, epoch ms) with the `state` Coder put on the page. A new
 * device (a new code) starts over.
 */
export function useDevicePolling(
  device: ExternalAuthDevice | undefined,
  state: string,
  expiresAt: number,
): DevicePollStatus {
  const [status, setStatus] = useState<{ code: string; status: DevicePollStatus } | undefined>();

  useEffect(() => {
    if (!device) return;
    const code = device.device_code;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let interval = device.interval;
    let unreachable = false;
    const set = (next: DevicePollStatus) => {
      if (!controller.signal.aborted) setStatus({ code, status: next });
    };
    const expire = () => set({ kind: "expired", unreachable });

    const schedule = (seconds: number) => {
      const untilExpiry = expiresAt - Date.now();
      // A poll at or past the deadline only earns "expired_token": stop at the deadline instead.
      if (seconds * 1000 >= untilExpiry) {
        timer = setTimeout(expire, Math.max(0, untilExpiry));
        return;
      }
      timer = setTimeout(poll, seconds * 1000);
    };

    const poll = async () => {
      let outcome: Awaited<ReturnType<typeof pollGithubDevice>>;
      try {
        outcome = await pollGithubDevice({ deviceCode: code, state, signal: controller.signal });
      } catch {
        return; // aborted: the page moved on or asked for a new code
      }
      if (controller.signal.aborted) return;
      unreachable = outcome.kind === "error" && isPassing(outcome.error);
      switch (outcome.kind) {
        case "pending":
        case "slow_down":
          interval = pollIntervalAfter(interval, outcome);
          set({ kind: "waiting", unreachable: false });
          return schedule(interval);
        case "success":
          return set({ kind: "signed-in", redirectTo: outcome.redirectTo });
        case "expired":
          return expire();
        case "denied":
          return set({ kind: "denied" });
        case "error":
          if (isPassing(outcome.error)) {
            set({ kind: "waiting", unreachable: true });
            return schedule(Math.max(interval, outcome.error.retryAfterSeconds ?? 0));
          }
          return set({ kind: "refused", error: outcome.error });
      }
    };

    schedule(interval);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [device, state, expiresAt]);

  return status && status.code === device?.device_code
    ? status.status
    : { kind: "waiting", unreachable: false };
}
