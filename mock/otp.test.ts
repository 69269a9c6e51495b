// The one-time-passcode reset flow (contract 2.2, 2.3) and validate-password (2.4).
import { describe, expect, it } from "vitest";
import { SEEDED_PASSWORD } from "./seed.ts";
import { call, newMock, sessionHeader, signIn } from "./test-helpers.ts";

const REQUEST = "/api/v2/users/otp/request";
const CHANGE = "/api/v2/users/otp/change-password";
const NEW_PASSWORD = "Another-Secure-Passw0rd!";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// From src/password/password.vectors.json: what the server says about "asdfgq".
const WEAK = "asdfgq";
const WEAK_DETAILS =
  "insecure password, try including more special characters, using uppercase letters, using numbers or using a longer password";

async function requestCode(mock: ReturnType<typeof newMock>, email: string): Promise<string> {
  const res = await call(mock, "POST", REQUEST, { json: { email } });
  expect(res.status).toBe(204);
  const otp = mock.mail.at(-1)?.otp;
  if (!otp) throw new Error("no mail");
  return otp;
}

describe("POST /users/otp/request", () => {
  it("answers 204 with an empty body and mails a lowercase UUIDv4 with Coder's link", async () => {
    const mock = newMock();
    const res = await call(mock, "POST", REQUEST, { json: { email: "member@coder.com" } });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(mock.mail).toHaveLength(1);
    const mail = mock.mail[0];
    expect(mail?.otp).toMatch(UUID_V4);
    expect(mail).toEqual({
      to: "member@coder.com",
      subject: "Reset your password for Coder",
      otp: mail?.otp,
      link: `/reset-password/change?otp=${mail?.otp}&email=member%40coder.com`,
      sent_at: "2026-03-02T10:00:10Z",
    });
  });

  it("answers unknown addresses the same way and sends nothing", async () => {
    const mock = newMock();
    const res = await call(mock, "POST", REQUEST, { json: { email: "nobody@coder.com" } });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(mock.mail).toHaveLength(0);
  });

  it("mails the account's own address whatever the case typed, and also SSO and suspended accounts", async () => {
    const mock = newMock();
    for (const email of ["MEMBER@coder.com", "github@coder.com", "suspended@coder.com"]) {
      await call(mock, "POST", REQUEST, { json: { email } });
    }
    expect(mock.mail.map((m) => m.to)).toEqual([
      "member@coder.com",
      "github@coder.com",
      "suspended@coder.com",
    ]);
  });

  it("refuses with 403 when password login is disabled, before looking at the body", async () => {
    const mock = newMock({ config: { passwordAuth: false } });
    const res = await call(mock, "POST", REQUEST, { body: "not even json" });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({ message: "Password authentication is disabled." });
  });

  it("validates the email", async () => {
    const res = await call(newMock(), "POST", REQUEST, { json: { email: "member" } });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      message: "Validation failed.",
      validations: [
        { field: "email", detail: 'Validation failed for tag "email" with value: "member"' },
      ],
    });
  });
});

describe("POST /users/otp/change-password", () => {
  it("sets the new password, signs nobody in and revokes every session", async () => {
    const mock = newMock();
    const session = await signIn(mock, "member@coder.com");
    const otp = await requestCode(mock, "member@coder.com");
    const res = await call(mock, "POST", CHANGE, {
      json: { email: "member@coder.com", password: NEW_PASSWORD, one_time_passcode: otp },
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(res.cookies.some((c) => c.startsWith("coder_session_token="))).toBe(false);

    const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(session) });
    expect(me.status).toBe(401);
    const old = await call(mock, "POST", "/api/v2/users/login", {
      json: { email: "member@coder.com", password: SEEDED_PASSWORD },
    });
    expect(old.status).toBe(401);
    await signIn(mock, "member@coder.com", NEW_PASSWORD);
  });

  it("checks the new password's strength before the passcode", async () => {
    const mock = newMock();
    const res = await call(mock, "POST", CHANGE, {
      json: { email: "member@coder.com", password: WEAK, one_time_passcode: "wrong" },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      message: "Invalid password.",
      validations: [{ field: "password", detail: WEAK_DETAILS }],
    });
  });

  it("rejects a wrong, foreign, upper-cased or never-requested passcode with one message", async () => {
    const mock = newMock();
    const memberCode = await requestCode(mock, "member@coder.com");
    await requestCode(mock, "auditor@coder.com");
    const attempts: Array<[string, string]> = [
      ["member@coder.com", "00000000-0000-4000-8000-000000000000"],
      ["member@coder.com", memberCode.toUpperCase()],
      ["auditor@coder.com", memberCode],
      ["admin@coder.com", memberCode],
      ["nobody@coder.com", memberCode],
    ];
    for (const [email, code] of attempts) {
      const res = await call(mock, "POST", CHANGE, {
        json: { email, password: NEW_PASSWORD, one_time_passcode: code },
      });
      expect(res.status, `${email} ${code}`).toBe(400);
      expect(res.json()).toEqual({ message: "Incorrect email or one-time passcode." });
    }
  });

  it("requires the passcode field", async () => {
    const res = await call(newMock(), "POST", CHANGE, {
      json: { email: "member@coder.com", password: NEW_PASSWORD },
    });
    expect(res.json()).toEqual({
      message: "Validation failed.",
      validations: [
        {
          field: "one_time_passcode",
          detail: 'Validation failed for tag "required" with value: ""',
        },
      ],
    });
  });

  it("accepts a passcode for 20 minutes and not a millisecond more", async () => {
    const attempt = async (elapsed: number) => {
      const mock = newMock();
      const otp = await requestCode(mock, "member@coder.com");
      mock.advanceClock(elapsed);
      return call(mock, "POST", CHANGE, {
        json: { email: "member@coder.com", password: NEW_PASSWORD, one_time_passcode: otp },
      });
    };
    expect((await attempt(20 * 60_000)).status).toBe(204);
    const late = await attempt(20 * 60_000 + 1);
    expect(late.status).toBe(400);
    expect(late.json()).toEqual({ message: "Incorrect email or one-time passcode." });
  });

  it("is single use", async () => {
    const mock = newMock();
    const otp = await requestCode(mock, "member@coder.com");
    const body = { email: "member@coder.com", password: NEW_PASSWORD, one_time_passcode: otp };
    expect((await call(mock, "POST", CHANGE, { json: body })).status).toBe(204);
    const again = await call(mock, "POST", CHANGE, {
      json: { ...body, password: "Yet-Another-Passw0rd!" },
    });
    expect(again.status).toBe(400);
    expect(again.json()).toEqual({ message: "Incorrect email or one-time passcode." });
  });

  it("only honours the newest passcode", async () => {
    const mock = newMock();
    const first = await requestCode(mock, "member@coder.com");
    const second = await requestCode(mock, "member@coder.com");
    expect(second).not.toBe(first);
    const old = await call(mock, "POST", CHANGE, {
      json: { email: "member@coder.com", password: NEW_PASSWORD, one_time_passcode: first },
    });
    expect(old.status).toBe(400);
    const newest = await call(mock, "POST", CHANGE, {
      json: { email: "member@coder.com", password: NEW_PASSWORD, one_time_passcode: second },
    });
    expect(newest.status).toBe(204);
  });

  it("refuses the current password, as the last check (the passcode stays usable)", async () => {
    const mock = newMock();
    const otp = await requestCode(mock, "member@coder.com");
    const same = await call(mock, "POST", CHANGE, {
      json: { email: "member@coder.com", password: SEEDED_PASSWORD, one_time_passcode: otp },
    });
    expect(same.status).toBe(400);
    expect(same.json()).toEqual({ message: "New password cannot match old password." });
    const retry = await call(mock, "POST", CHANGE, {
      json: { email: "member@coder.com", password: NEW_PASSWORD, one_time_passcode: otp },
    });
    expect(retry.status).toBe(204);
  });

  it("lets a suspended user reset, who still cannot sign in", async () => {
    const mock = newMock();
    const otp = await requestCode(mock, "suspended@coder.com");
    const res = await call(mock, "POST", CHANGE, {
      json: { email: "suspended@coder.com", password: NEW_PASSWORD, one_time_passcode: otp },
    });
    expect(res.status).toBe(204);
    const login = await call(mock, "POST", "/api/v2/users/login", {
      json: { email: "suspended@coder.com", password: NEW_PASSWORD },
    });
    expect(login.status).toBe(401);
    expect(login.json<{ message: string }>().message).toMatch(/^Your account is suspended\./);
  });

  it("refuses with 403 when password login is disabled", async () => {
    const mock = newMock({ config: { passwordAuth: false } });
    const res = await call(mock, "POST", CHANGE, { json: {} });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({ message: "Password authentication is disabled." });
  });
});

describe("POST /users/validate-password", () => {
  const VALIDATE = "/api/v2/users/validate-password";

  it("works without a session and reports the server's verdict", async () => {
    const mock = newMock();
    const weak = await call(mock, "POST", VALIDATE, { json: { password: WEAK } });
    expect(weak.status).toBe(200);
    expect(weak.text).toBe(`{"valid":false,"details":"${WEAK_DETAILS}"}\n`);
    const strong = await call(mock, "POST", VALIDATE, { json: { password: NEW_PASSWORD } });
    expect(strong.json()).toEqual({ valid: true, details: "" });
    // Also from the vectors: strong enough, but 100 bytes.
    const long = await call(mock, "POST", VALIDATE, { json: { password: "Ab1!".repeat(25) } });
    expect(long.json()).toEqual({
      valid: false,
      details: "password must be no more than 64 characters",
    });
  });

  it("answers an empty password with a validation error, not valid:false", async () => {
    const res = await call(newMock(), "POST", VALIDATE, { json: { password: "" } });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      message: "Validation failed.",
      validations: [
        { field: "password", detail: 'Validation failed for tag "required" with value: ""' },
      ],
    });
  });

  it("is in the login rate-limit group", async () => {
    const res = await call(newMock(), "POST", VALIDATE, { json: { password: "x" } });
    expect(res.headers.get("x-ratelimit-limit")).toBe("60");
  });
});
