// POST /authcheck through the HTTP layer (the role model itself is tested in rbac.test.ts).
import { describe, expect, it } from "vitest";
import { SEEDED_IDS } from "./seed.ts";
import { call, newMock, sessionHeader, signIn } from "./test-helpers.ts";

const AUTHCHECK = "/api/v2/authcheck";

const checks = {
  updateSelf: { object: { resource_type: "user", owner_id: "me" }, action: "update_personal" },
  updateAdmin: {
    object: { resource_type: "user", resource_id: SEEDED_IDS.admin },
    action: "update_personal",
  },
  updateGhost: {
    object: { resource_type: "user", resource_id: "c0de0000-0000-4000-8000-0000000000ff" },
    action: "update_personal",
  },
  viewAllUsers: { object: { resource_type: "user" }, action: "read" },
};

async function authcheck(email: string) {
  const mock = newMock();
  const token = await signIn(mock, email);
  const res = await call(mock, "POST", AUTHCHECK, {
    headers: sessionHeader(token),
    json: { checks },
  });
  expect(res.status).toBe(200);
  return res.json<Record<keyof typeof checks, boolean>>();
}

describe("POST /authcheck", () => {
  it("answers for the signed-in user, resolving `me` and user resource ids", async () => {
    expect(await authcheck("member@coder.com")).toEqual({
      updateSelf: true,
      updateAdmin: false,
      updateGhost: false,
      viewAllUsers: false,
    });
    expect(await authcheck("user-admin@coder.com")).toEqual({
      updateSelf: true,
      updateAdmin: true,
      updateGhost: false,
      viewAllUsers: true,
    });
    expect(await authcheck("auditor@coder.com")).toMatchObject({
      updateAdmin: false,
      viewAllUsers: true,
    });
  });

  it("needs a session", async () => {
    const res = await call(newMock(), "POST", AUTHCHECK, { json: { checks } });
    expect(res.status).toBe(401);
  });

  it("reads the body like every endpoint: bad JSON, too large", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const bad = await call(mock, "POST", AUTHCHECK, { headers: sessionHeader(token), body: "{" });
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({
      message: "Request body must be valid JSON.",
      detail: "unexpected EOF",
    });
    const big = await call(mock, "POST", AUTHCHECK, {
      headers: sessionHeader(token),
      body: `{"checks":{"${"k".repeat(4_194_304)}":{}}}`,
    });
    expect(big.status).toBe(413);
  });

  it("passes on the evaluator's 400s", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const res = await call(mock, "POST", AUTHCHECK, {
      headers: sessionHeader(token),
      json: { checks: { k: { object: {}, action: "read" } } },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      message: 'Object\'s "resource_type" field must be defined for key "k".',
    });
  });
});
