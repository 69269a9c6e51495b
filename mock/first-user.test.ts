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

describe("POST /users/first with a trial (Coder's CreateFirstUserTrialInfo)", () => {
  const TRIAL_INFO = {
    first_name: "Ada",
    last_name: "Lovelace",
    phone_number: "+44 20 7946 0000",
    job_title: "Engineer",
    company_name: "Analytical Engines",
    country: "United Kingdom",
    developers: "1-100",
  };

  async function entitlementsOf(mock: ReturnType<typeof emptyMock>) {
    const token = await signIn(mock, FIRST.email, STRONG);
    const res = await call(mock, "GET", "/api/v2/entitlements", { headers: sessionHeader(token) });
    return res.json<{ has_license: boolean; trial: boolean; features: Record<string, unknown> }>();
  }

  it("starts a trial licence, then creates the owner", async () => {
    const mock = emptyMock();
    const res = await call(mock, "POST", "/api/v2/users/first", {
      json: { ...FIRST, trial: true, trial_info: TRIAL_INFO },
    });
    expect(res.status).toBe(201);
    const entitlements = await entitlementsOf(mock);
    expect(entitlements).toMatchObject({ has_license: true, trial: true });
    expect(entitlements.features.audit_log).toEqual({ entitlement: "entitled", enabled: true });
  });

  it("accepts empty or missing trial details, as Coder's handler checks none of them", async () => {
    for (const body of [
      { ...FIRST, trial: true },
      { ...FIRST, trial: true, trial_info: {} },
      { ...FIRST, trial: true, trial_info: { ...TRIAL_INFO, phone_number: "" } },
    ]) {
      const mock = emptyMock();
      expect((await call(mock, "POST", "/api/v2/users/first", { json: body })).status).toBe(201);
    }
  });

  it("without trial, asks no licensor and the deployment stays unlicensed", async () => {
    const mock = emptyMock();
    mock.config.firstUserTrial = "licensor-error";
    const res = await call(mock, "POST", "/api/v2/users/first", {
      json: { ...FIRST, trial_info: TRIAL_INFO },
    });
    expect(res.status).toBe(201);
    expect(await entitlementsOf(mock)).toMatchObject({ has_license: false, trial: false });
  });

  it("when the licensor fails: 500 'Failed to generate trial' and no account", async () => {
    const mock = emptyMock();
    await call(mock, "PUT", "/__mock/config", { json: { firstUserTrial: "licensor-error" } });
    const res = await call(mock, "POST", "/api/v2/users/first", {
      json: { ...FIRST, trial: true, trial_info: TRIAL_INFO },
    });
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({
      message: "Failed to generate trial",
      detail:
        'perform license request: Post "https://v2-licensor.coder.com/trial": dial tcp: lookup v2-licensor.coder.com: no such host',
    });
    expect((await call(mock, "GET", "/api/v2/users/first")).status).toBe(404);
  });

  it("on a build without the trial generator, ignores trial", async () => {
    const mock = emptyMock();
    mock.config.firstUserTrial = "unavailable";
    const res = await call(mock, "POST", "/api/v2/users/first", {
      json: { ...FIRST, trial: true, trial_info: TRIAL_INFO },
    });
    expect(res.status).toBe(201);
    expect(await entitlementsOf(mock)).toMatchObject({ has_license: false, trial: false });
  });

  it("checks the types as Go's decoder does, before anything else", async () => {
    const cases: Array<[unknown, string]> = [
      [
        { ...FIRST, trial: "yes" },
        "json: cannot unmarshal string into Go struct field CreateFirstUserRequest.trial of type bool",
      ],
      [
        { ...FIRST, trial: true, trial_info: { developers: 100 } },
        "json: cannot unmarshal number into Go struct field CreateFirstUserTrialInfo.trial_info.developers of type string",
      ],
      [
        { ...FIRST, trial: true, trial_info: "Ada" },
        "json: cannot unmarshal string into Go struct field CreateFirstUserRequest.trial_info of type codersdk.CreateFirstUserTrialInfo",
      ],
    ];
    for (const [body, detail] of cases) {
      const mock = emptyMock();
      const res = await call(mock, "POST", "/api/v2/users/first", { json: body });
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ message: "Request body must be valid JSON.", detail });
      expect((await call(mock, "GET", "/api/v2/users/first")).status).toBe(404);
    }
  });

  it("still applies the password rule before asking the licensor", async () => {
    const mock = emptyMock();
    mock.config.firstUserTrial = "licensor-error";
    const res = await call(mock, "POST", "/api/v2/users/first", {
      json: { ...FIRST, password: "password1", trial: true, trial_info: TRIAL_INFO },
    });
    expect(res.status).toBe(400);
    expect(res.json<{ message: string }>().message).toBe("Password is invalid");
  });
});
