// POST /users/{user}/keys: the session token `coder login` gets from /cli-auth.
import { describe, expect, it } from "vitest";
import { SEEDED_IDS, SEEDED_PASSWORD } from "./seed.ts";
import { browserFor, call, newMock, sessionHeader, signIn } from "./test-helpers.ts";

const KEYS = "/api/v2/users/me/keys";
const TOKEN_SHAPE = /^[0-9A-Za-z]{10}-[0-9A-Za-z]{22}$/;
const DAY = 24 * 60 * 60 * 1000;

async function signedInBrowser(email = "member@coder.com") {
  const mock = newMock();
  const browser = browserFor(mock);
  browser.loadPage();
  const res = await browser.request("POST", "/api/v2/users/login", {
    json: { email, password: SEEDED_PASSWORD },
  });
  expect(res.status).toBe(201);
  return { mock, browser };
}

describe("POST /users/me/keys", () => {
  it("answers 201 with a new token that works as Coder-Session-Token, and sets no cookie", async () => {
    const { mock, browser } = await signedInBrowser();
    const session = browser.jar.get("coder_session_token");
    const res = await browser.request("POST", KEYS);
    expect(res.status).toBe(201);
    const { key } = res.json<{ key: string }>();
    expect(res.json()).toEqual({ key });
    expect(key).toMatch(TOKEN_SHAPE);
    expect(key).not.toBe(session);
    expect(res.cookies.filter((c) => c.startsWith("coder_session_token="))).toEqual([]);
    expect(browser.jar.get("coder_session_token")).toBe(session);

    const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(key) });
    expect(me.status).toBe(200);
    expect(me.json<{ id: string }>().id).toBe(SEEDED_IDS.member);
  });

  it("gives a different token each time", async () => {
    const { browser } = await signedInBrowser();
    const first = (await browser.request("POST", KEYS)).json<{ key: string }>().key;
    const second = (await browser.request("POST", KEYS)).json<{ key: string }>().key;
    expect(first).not.toBe(second);
  });

  it("outlives the browser's sign-out (the CLI stays signed in)", async () => {
    const { mock, browser } = await signedInBrowser();
    const { key } = (await browser.request("POST", KEYS)).json<{ key: string }>();
    expect((await browser.request("POST", "/api/v2/users/logout")).status).toBe(200);
    const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(key) });
    expect(me.status).toBe(200);
  });

  it("is revoked with every other key when the password changes", async () => {
    const { mock, browser } = await signedInBrowser();
    const { key } = (await browser.request("POST", KEYS)).json<{ key: string }>();
    const change = await browser.request("PUT", "/api/v2/users/me/password", {
      json: { old_password: SEEDED_PASSWORD, password: "Correct-Horse-Battery-42" },
    });
    expect(change.status).toBe(204);
    const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(key) });
    expect(me.status).toBe(401);
  });

  it("lasts a week, sliding when used like any session", async () => {
    const { mock, browser } = await signedInBrowser();
    const used = (await browser.request("POST", KEYS)).json<{ key: string }>().key;
    const untouched = (await browser.request("POST", KEYS)).json<{ key: string }>().key;
    const me = (key: string) =>
      call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(key) });
    mock.advanceClock(7 * DAY - 1000);
    expect((await me(used)).status).toBe(200);
    mock.advanceClock(2000);
    expect((await me(used)).status).toBe(200);
    const expired = await me(untouched);
    expect(expired.status).toBe(401);
    expect(expired.json<{ detail: string }>().detail).toMatch(/^API key expired at /);
  });

  it("needs a session", async () => {
    const mock = newMock();
    const res = await call(mock, "POST", KEYS);
    expect(res.status).toBe(401);
    expect(res.json<{ message: string }>().message).toBe(
      "You are signed out or your session has expired. Please sign in again to continue.",
    );
  });

  it("needs the page's CSRF token when sent with the session cookie", async () => {
    const { browser } = await signedInBrowser();
    const res = await browser.request("POST", KEYS, { headers: { "x-csrf-token": "wrong" } });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/CSRF/);
  });

  it("makes keys for someone else only with the right to (an owner may, a member may not)", async () => {
    const mock = newMock();
    const member = await signIn(mock, "member@coder.com");
    const refused = await call(mock, "POST", `/api/v2/users/${SEEDED_IDS.auditor}/keys`, {
      headers: sessionHeader(member),
    });
    expect(refused.status).toBe(500);
    expect(refused.json<{ message: string }>().message).toBe("Failed to create API key.");

    const owner = await signIn(mock, "admin@coder.com");
    const made = await call(mock, "POST", `/api/v2/users/${SEEDED_IDS.auditor}/keys`, {
      headers: sessionHeader(owner),
    });
    expect(made.status).toBe(201);
    const { key } = made.json<{ key: string }>();
    const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(key) });
    expect(me.json<{ id: string }>().id).toBe(SEEDED_IDS.auditor);
  });
});
