// A deployment without users: /__mock/reset {"users":"none"} and GET/POST /users/first (contract
// 2.7). The first sign-up through Coder's GitHub app is in github-device.test.ts.
import { describe, expect, it } from "vitest";
import { DEFAULT_ORG, SEEDED_PASSWORD } from "./seed.ts";
import { call, newMock, sessionHeader, signIn } from "./test-helpers.ts";

const STRONG = "Correct-Horse-Battery-42";
const FIRST = {
  email: "ada@example.com",
  username: "ada",
  name: "Ada Lovelace",
  password: STRONG,
  trial: false,
};

function emptyMock() {
  const mock = newMock();
  mock.reset({ users: "none" });
  return mock;
}

describe("POST /__mock/reset", () => {
  it('with {"users": "none"} starts a deployment nobody has set up', async () => {
    const mock = newMock();
    const res = await call(mock, "POST", "/__mock/reset", { json: { users: "none" } });
    expect(res.status).toBe(204);
    const first = await call(mock, "GET", "/api/v2/users/first");
    expect(first.status).toBe(404);
    expect(first.json()).toEqual({ message: "The initial user has not been created!" });
    // The Go SDK tells Coder's 404 from a proxy's by this header.
    expect(first.headers.get("x-coder-build-version")).not.toBeNull();
    const login = await call(mock, "POST", "/api/v2/users/login", {
      json: { email: "admin@coder.com", password: SEEDED_PASSWORD },
    });
    expect(login.status).toBe(401);
  });

  it("without a body (or with an empty object) brings the seeded accounts back", async () => {
    const mock = emptyMock();
    expect((await call(mock, "POST", "/__mock/reset")).status).toBe(204);
    expect((await call(mock, "GET", "/api/v2/users/first")).status).toBe(200);
    mock.reset({ users: "none" });
    expect((await call(mock, "POST", "/__mock/reset", { json: {} })).status).toBe(204);
    await signIn(mock, "admin@coder.com");
  });

  it.each([['{"users": "some"}'], ['{"users": "none", "extra": 1}'], ["[]"], ["not json"]])(
    "refuses %s and changes nothing",
    async (body) => {
      const mock = emptyMock();
      const res = await call(mock, "POST", "/__mock/reset", {
        body,
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(400);
      expect(res.json<{ message: string }>().message).toMatch(/"users": "seeded" \| "none"/);
      expect((await call(mock, "GET", "/api/v2/users/first")).status).toBe(404);
    },
  );
});

describe("POST /users/first", () => {
  it("creates the owner, with no session; signing in then works", async () => {
    const mock = emptyMock();
    const res = await call(mock, "POST", "/api/v2/users/first", { json: FIRST });
    expect(res.status).toBe(201);
    const body = res.json<{ user_id: string; organization_id: string }>();
    expect(body).toEqual({ user_id: body.user_id, organization_id: DEFAULT_ORG.id });
    expect(body.user_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(res.cookies.filter((c) => c.startsWith("coder_session_token="))).toEqual([]);

    expect((await call(mock, "GET", "/api/v2/users/first")).status).toBe(200);
    const token = await signIn(mock, FIRST.email, STRONG);
    const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(token) });
    expect(me.json()).toMatchObject({
      id: body.user_id,
      email: FIRST.email,
      username: "ada",
      name: "Ada Lovelace",
      status: "active",
      login_type: "password",
      organization_ids: [DEFAULT_ORG.id],
      roles: [{ name: "owner", display_name: "Owner" }],
    });
  });

  it("answers 409 once anyone exists, however valid the request", async () => {
    const mock = emptyMock();
    expect((await call(mock, "POST", "/api/v2/users/first", { json: FIRST })).status).toBe(201);
    const again = await call(mock, "POST", "/api/v2/users/first", {
      json: { ...FIRST, email: "bob@example.com", username: "bob" },
    });
    expect(again.status).toBe(409);
    expect(again.json()).toEqual({ message: "The initial user has already been created." });
  });

  it("refuses a weak password with the rule's sentence on the password field", async () => {
    const mock = emptyMock();
    const res = await call(mock, "POST", "/api/v2/users/first", {
      json: { ...FIRST, password: "password1" },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      message: "Password is invalid",
      validations: [
        {
          field: "password",
          detail:
            "insecure password, try including more special characters, using uppercase letters or using a longer password",
        },
      ],
    });
    expect((await call(mock, "GET", "/api/v2/users/first")).status).toBe(404);
  });

  it("validates the body before anything else, one entry per field in struct order", async () => {
    const mock = emptyMock();
    const res = await call(mock, "POST", "/api/v2/users/first", {
      json: { email: "not-an-email", username: "new", name: " Ada", password: "" },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      message: "Validation failed.",
      validations: [
        { field: "email", detail: 'Validation failed for tag "email" with value: "not-an-email"' },
        { field: "username", detail: 'Validation failed for tag "username" with value: "new"' },
        { field: "name", detail: 'Validation failed for tag "user_real_name" with value: " Ada"' },
        { field: "password", detail: 'Validation failed for tag "required" with value: ""' },
      ],
    });
  });

  it("measures the full name in bytes, as Go's len() does", async () => {
    const mock = emptyMock();
    // 64 × "é" is 64 characters but 128 bytes: allowed; one more byte is not.
    const fits = "é".repeat(64);
    const tooLong = await call(mock, "POST", "/api/v2/users/first", {
      json: { ...FIRST, name: `${fits}a` },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json<{ validations: Array<{ field: string }> }>().validations).toEqual([
      {
        field: "name",
        detail: `Validation failed for tag "user_real_name" with value: "${fits}a"`,
      },
    ]);
    const ok = await call(mock, "POST", "/api/v2/users/first", { json: { ...FIRST, name: fits } });
    expect(ok.status).toBe(201);
  });

  it.each([["create"], ["-ada"], ["ada--l"], ["a".repeat(33)], ["ada l"]])(
    "refuses the username %j by Coder's name rules",
    async (username) => {
      const mock = emptyMock();
      const res = await call(mock, "POST", "/api/v2/users/first", { json: { ...FIRST, username } });
      expect(res.status).toBe(400);
      expect(res.json<{ validations: Array<{ field: string }> }>().validations).toEqual([
        {
          field: "username",
          detail: `Validation failed for tag "username" with value: "${username}"`,
        },
      ]);
    },
  );

  it("needs no CSRF token even from a browser that carries a stale session cookie", async () => {
    const mock = emptyMock();
    const res = await call(mock, "POST", "/api/v2/users/first", {
      json: FIRST,
      headers: { cookie: "coder_session_token=abcdefghij-ABCDEFGHIJKLMNOPQRSTUV" },
    });
    expect(res.status).toBe(201);
  });
});
