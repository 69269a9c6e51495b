// @vitest-environment jsdom
// (jsdom gives the page origin that the app's relative /api/v2 URLs resolve against.)
import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import { setupMockCoder } from "../../mock/test-setup.ts";
import { changePasswordMutation, convertLoginMutation, loginTypeQuery } from "./account.ts";
import { ApiError } from "./errors.ts";
import { hasSessionHint, setSessionHint } from "./session-hint.ts";

const PASSWORD = "SomeSecurePassword!";
const { mock, cookies } = setupMockCoder();
afterEach(() => {
  document.head.querySelector('meta[property="csrf-token"]')?.remove();
});

/** Signs in and renders the CSRF meta tag, as the server's HTML would carry it. */
async function signIn(email: string, password = PASSWORD) {
  const response = await fetch("/api/v2/users/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(201);
  const meta = document.createElement("meta");
  meta.setAttribute("property", "csrf-token");
  meta.content = mock.csrfForDocument(cookies.cookieHeader(new URL(location.href), null)).token;
  document.head.append(meta);
}

const run = <V, R>(mutation: { mutationFn: (v: V) => Promise<R> }, variables: V) =>
  mutation.mutationFn(variables);

describe("loginTypeQuery", () => {
  it("says how the signed-in user signs in", async () => {
    await signIn("member@coder.com");
    expect(await new QueryClient().fetchQuery(loginTypeQuery())).toBe("password");
  });
});

describe("changePasswordMutation", () => {
  it("changes the password, ends every session, and drops the signed-in hint", async () => {
    await signIn("member@coder.com");
    setSessionHint(true);
    const mutation = changePasswordMutation();
    await run(mutation, { old_password: PASSWORD, password: "a brand new passphrase 42" });
    mutation.onSuccess();
    expect(hasSessionHint()).toBe(false);
    expect((await fetch("/api/v2/users/me")).status).toBe(401);
  });

  it("rejects with Coder's message and field for a wrong old password", async () => {
    await signIn("member@coder.com");
    const error = await run(changePasswordMutation(), {
      old_password: "nope",
      password: "a brand new passphrase 42",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("Old password is incorrect.");
    expect((error as ApiError).fieldError("old_password")).toBeTruthy();
  });
});

describe("convertLoginMutation", () => {
  it("starts a conversion: a convert- state, five minutes, and the HttpOnly cookie", async () => {
    await signIn("member@coder.com");
    const before = Date.now();
    const answer = await run(convertLoginMutation(), { to_type: "oidc", password: PASSWORD });
    expect(answer.state_string).toMatch(/^convert-[0-9A-Za-z]{32}$/);
    expect(answer.to_type).toBe("oidc");
    const expires = Date.parse(answer.expires_at) - before;
    expect(expires).toBeGreaterThan(4.9 * 60_000);
    expect(expires).toBeLessThanOrEqual(5 * 60_000 + 1000);
    expect(cookies.get("coder_oauth_convert_jwt")).toBeTruthy();
  });

  it("answers a wrong password with 401 without ending the session", async () => {
    await signIn("member@coder.com");
    const error = await run(convertLoginMutation(), { to_type: "github", password: "nope" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).message).toBe("Incorrect email or password.");
    expect((await fetch("/api/v2/users/me")).status).toBe(200);
  });
});
