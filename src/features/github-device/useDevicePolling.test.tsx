// The device flow's polling at its edges, on a clock that moves only when the test moves it: the
// deadline (no poll on it) and a refusal Coder words itself (the wait ends with it).
import { act, renderHook } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import type { ExternalAuthDevice } from "../../api/schemas.ts";
import { useDevicePolling } from "./useDevicePolling.ts";

const { server } = setupMockCoder();
const CALLBACK = "*/api/v2/users/oauth2/github/callback";
const polls: number[] = [];

const device: ExternalAuthDevice = {
  device_code: "d".repeat(40),
  user_code: "WDJB-MJHT",
  verification_uri: "https://github.com/login/device",
  expires_in: 10,
  interval: 5,
};

/** Lets the timers due in `ms` fire, and every request and render they start settle. */
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  polls.length = 0;
});
afterEach(() => vi.useRealTimers());

describe("useDevicePolling", () => {
  it("asks at GitHub's pace, and not once more at the deadline: the code is over then", async () => {
    server.use(
      http.get(CALLBACK, () => {
        polls.push(Date.now());
        return HttpResponse.json(
          { message: "Failed exchanging Oauth code.", detail: "authorization_pending" },
          { status: 400 },
        );
      }),
    );
    const start = Date.now();
    const { result } = renderHook(() => useDevicePolling(device, "s", start + 10_000));
    await advance(5_000);
    expect(polls).toEqual([start + 5_000]);
    await advance(5_000);
    expect(result.current).toEqual({ kind: "expired", unreachable: false });
    await advance(30_000);
    expect(polls).toEqual([start + 5_000]);
  });

  it("ends the wait on a 500 in Coder's own words instead of saying 'Still trying…' on", async () => {
    server.use(
      http.get(CALLBACK, () => {
        polls.push(Date.now());
        return HttpResponse.json(
          { message: "Internal error exchanging the device code.", detail: "unexpected EOF" },
          { status: 500 },
        );
      }),
    );
    const start = Date.now();
    const { result } = renderHook(() => useDevicePolling(device, "s", start + 600_000));
    await advance(5_000);
    expect(result.current).toMatchObject({ kind: "refused", error: { status: 500 } });
    await advance(60_000);
    expect(polls).toHaveLength(1);
  });
});
