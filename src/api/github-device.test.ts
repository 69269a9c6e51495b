// @vitest-environment jsdom
// (jsdom gives the page origin that the app's relative /api/v2 URLs resolve against.)
import { QueryClient } from "@tanstack/react-query";
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setupMockCoder } from "../../mock/test-setup.ts";
import { ApiError } from "./errors.ts";
import {
  type GithubDevicePoll,
  githubDeviceQuery,
  pollGithubDevice,
  pollIntervalAfter,
} from "./github-device.ts";
import { hasSessionHint } from "./session-hint.ts";

const { mock, server, cookies } = setupMockCoder();
const client = () => new QueryClient();

beforeEach(() => {
  mock.config.githubDefaultProvider = true;
});
afterEach(() => localStorage.clear());

/** The sign-in button's navigation: Coder sets oauth_state and sends the browser to /login/device. */
async function startSignIn(redirect: string) {
  const res = await fetch(
    `/api/v2/users/oauth2/github/callback?${new URLSearchParams({ redirect })}`,
    { redirect: "manual" },
  );
  expect(res.status === 307 || res.type === "opaqueredirect").toBe(true);
  const state = cookies.get("oauth_state");
  if (!state) throw new Error("no oauth_state cookie");
  return state;
}

/** The person on GitHub's page: types the code and authorizes (or cancels). */
async function onGithub(userCode: string, choice: { email: string } | "cancel") {
  const body = new URLSearchParams({ user_code: userCode });
  if (choice !== "cancel") body.set("email", choice.email);
  const action = choice === "cancel" ? "cancel" : "authorize";
  const res = await fetch(`/__mock/github/login/device/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
  expect(res.status).toBe(200);
}

async function begin(redirect = "/workspaces") {
  const state = await startSignIn(redirect);
  const device = await client().fetchQuery(githubDeviceQuery());
  return { state, device };
}

describe("githubDeviceQuery", () => {
  it("gets a device code with the interval and lifetime GitHub gave", async () => {
    const { device } = await begin();
    expect(device).toMatchObject({ expires_in: 900, interval: 5 });
    expect(device.user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.verification_uri).toBe(`${location.origin}/__mock/github/login/device`);
  });

  it("fails with Coder's message when the deployment has no device flow", async () => {
    mock.config.githubDefaultProvider = false;
    const error = await client()
      .fetchQuery(githubDeviceQuery())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      message: "Device flow is not enabled for Github OAuth2.",
    });
  });

  it("never refetches or retries on its own, and forgets the code once unused", () => {
    const options = githubDeviceQuery();
    expect(options).toMatchObject({
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: 0,
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    });
  });
});

describe("pollGithubDevice", () => {
  it("is pending until the person authorizes, then signs in and names where to go", async () => {
    const { state, device } = await begin("/workspaces?filter=mine");
    const poll = () => pollGithubDevice({ deviceCode: device.device_code, state });

    expect(await poll()).toEqual({ kind: "pending" });
    await onGithub(device.user_code, { email: "github@coder.com" });
    mock.advanceClock(device.interval * 1000);
    expect(await poll()).toEqual({ kind: "success", redirectTo: "/workspaces?filter=mine" });

    expect(hasSessionHint()).toBe(true);
    const me = await fetch("/api/v2/users/me");
    expect(await me.json()).toMatchObject({ email: "github@coder.com" });
  });

  it("reports slow_down for a poll inside the interval", async () => {
    const { state, device } = await begin();
    const poll = () => pollGithubDevice({ deviceCode: device.device_code, state });
    expect(await poll()).toEqual({ kind: "pending" });
    expect(await poll()).toEqual({ kind: "slow_down" });
  });

  it("reports expired once the code's lifetime is over", async () => {
    const { state, device } = await begin();
    mock.advanceClock(device.expires_in * 1000);
    expect(await pollGithubDevice({ deviceCode: device.device_code, state })).toEqual({
      kind: "expired",
    });
  });

  it("reports denied when the person cancels on GitHub", async () => {
    const { state, device } = await begin();
    await onGithub(device.user_code, "cancel");
    expect(await pollGithubDevice({ deviceCode: device.device_code, state })).toEqual({
      kind: "denied",
    });
    expect(hasSessionHint()).toBe(false);
  });

  it("reports any other failure as an error with Coder's words", async () => {
    const { device } = await begin();
    const mismatch = await pollGithubDevice({ deviceCode: device.device_code, state: "other" });
    expect(mismatch.kind).toBe("error");
    expect(mismatch).toMatchObject({ error: { status: 401, message: "State mismatched." } });
  });

  it("reports a refused account as an error carrying Coder's explanation", async () => {
    const { state, device } = await begin();
    await onGithub(device.user_code, { email: "admin@coder.com" });
    const outcome = await pollGithubDevice({ deviceCode: device.device_code, state });
    expect(outcome).toMatchObject({
      kind: "error",
      error: {
        status: 403,
        message: "Incorrect login type",
        detail: expect.stringContaining('the user has the login type "password"'),
      },
    });
  });

  it("reports a dropped connection as a network error", async () => {
    const { state, device } = await begin();
    server.use(http.get("*/api/v2/users/oauth2/github/callback", () => HttpResponse.error()));
    const outcome = await pollGithubDevice({ deviceCode: device.device_code, state });
    expect(outcome).toMatchObject({ kind: "error", error: { kind: "network" } });
  });

  it("does not take a detail from a body that is not Coder's for an outcome", async () => {
    server.use(
      http.get("*/api/v2/users/oauth2/github/callback", () =>
        HttpResponse.text("authorization_pending", { status: 400 }),
      ),
    );
    const outcome = await pollGithubDevice({ deviceCode: "x", state: "y" });
    expect(outcome.kind).toBe("error");
  });

  it.each([
    ["//evil.example/steal", "/"],
    ["https://evil.example/x", "/"],
    ["/settings/security", "/settings/security"],
  ])("only ever sends the browser to a path on this site (%s)", async (redirectUrl, expected) => {
    server.use(
      http.get("*/api/v2/users/oauth2/github/callback", () =>
        HttpResponse.json({ redirect_url: redirectUrl }),
      ),
    );
    expect(await pollGithubDevice({ deviceCode: "x", state: "y" })).toEqual({
      kind: "success",
      redirectTo: expected,
    });
  });

  it("passes the caller's abort on instead of reporting it", async () => {
    server.use(
      http.get("*/api/v2/users/oauth2/github/callback", () => new Promise<never>(() => {})),
    );
    const controller = new AbortController();
    const pending = pollGithubDevice({ deviceCode: "x", state: "y", signal: controller.signal });
    controller.abort(new DOMException("left the page", "AbortError"));
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("pollIntervalAfter", () => {
  it.each<[GithubDevicePoll, number]>([
    [{ kind: "pending" }, 5],
    [{ kind: "slow_down" }, 10],
    [{ kind: "expired" }, 5],
  ])("after %j waits %i seconds", (outcome, seconds) => {
    expect(pollIntervalAfter(5, outcome)).toBe(seconds);
  });
});
