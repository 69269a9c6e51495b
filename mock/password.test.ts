// PUT /users/{user}/password (contract 2.7).
import { describe, expect, it } from "vitest";
import { SEEDED_IDS, SEEDED_PASSWORD } from "./seed.ts";
import { call, newMock, sessionHeader, signIn, ssoSession } from "./test-helpers.ts";

const NEW_PASSWORD = "Another-Secure-Passw0rd!";

async function put(
  mock: ReturnType<typeof newMock>,
  token: string,
  who: string,
  body: Record<string, string>,
) {
  return call(mock, "PUT", `/api/v2/users/${who}/password`, {
    headers: sessionHeader(token),
    json: body,
  });
}

describe("changing your own password", () => {
  it("succeeds with 204, revokes every session of the user and takes the new password", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const otherSession = await signIn(mock, "member@coder.com");
    const res = await put(mock, token, "me", {
      old_password: SEEDED_PASSWORD,
      password: NEW_PASSWORD,
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    for (const t of [token, otherSession]) {
      const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(t) });
      expect(me.status).toBe(401);
    }
    await signIn(mock, "member@coder.com", NEW_PASSWORD);
  });

  it("requires the old password", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const res = await put(mock, token, "me", { password: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ message: "Old password is required." });
  });

  it("checks the new password's strength, then the old password, then reuse", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const weak = await put(mock, token, "me", { old_password: "wrong", password: "asdfgq" });
    expect(weak.status).toBe(400);
    expect(weak.json()).toEqual({
      message: "Invalid password.",
      validations: [
        {
          field: "password",
          detail:
            "insecure password, try including more special characters, using uppercase letters, using numbers or using a longer password",
        },
      ],
    });
    const wrongOld = await put(mock, token, "me", {
      old_password: "wrong",
      password: NEW_PASSWORD,
    });
    expect(wrongOld.json()).toEqual({
      message: "Old password is incorrect.",
      validations: [{ field: "old_password", detail: "Old password is incorrect." }],
    });
    const same = await put(mock, token, "me", {
      old_password: SEEDED_PASSWORD,
      password: SEEDED_PASSWORD,
    });
    expect(same.status).toBe(400);
    expect(same.json()).toEqual({ message: "New password cannot match old password." });
  });

  it("validates the body: password is required", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const res = await put(mock, token, "me", { old_password: SEEDED_PASSWORD });
    expect(res.json()).toEqual({
      message: "Validation failed.",
      validations: [
        { field: "password", detail: 'Validation failed for tag "required" with value: ""' },
      ],
    });
  });

  it("is refused for accounts without password login", async () => {
    const mock = newMock();
    const token = await ssoSession(mock, "github@coder.com");
    const res = await put(mock, token, "me", { old_password: "x", password: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      message: "Users without password login type cannot change their password.",
    });
  });

  it("needs a session", async () => {
    const res = await call(newMock(), "PUT", "/api/v2/users/me/password", {
      json: { password: NEW_PASSWORD },
    });
    expect(res.status).toBe(401);
  });
});

describe("changing someone else's password", () => {
  it("lets an owner do it without the old password", async () => {
    const mock = newMock();
    const admin = await signIn(mock, "admin@coder.com");
    const res = await put(mock, admin, "member", { password: NEW_PASSWORD });
    expect(res.status).toBe(204);
    await signIn(mock, "member@coder.com", NEW_PASSWORD);
  });

  it("lets a user admin change a member's, but not an owner's", async () => {
    const mock = newMock();
    const userAdmin = await signIn(mock, "user-admin@coder.com");
    expect((await put(mock, userAdmin, SEEDED_IDS.member, { password: NEW_PASSWORD })).status).toBe(
      204,
    );
    const owner = await put(mock, userAdmin, "admin", { password: NEW_PASSWORD });
    expect(owner.status).toBe(400);
    expect(owner.json()).toEqual({ message: "Only owners can change the password of an owner." });
  });

  it("hides other users from a member (404) and names unknown users", async () => {
    const mock = newMock();
    const member = await signIn(mock, "member@coder.com");
    const other = await put(mock, member, "auditor", { password: NEW_PASSWORD });
    expect(other.status).toBe(404);
    expect(other.json()).toEqual({
      message: "Resource not found or you do not have access to this resource",
    });
    const unknown = await put(mock, member, "ghost", { password: NEW_PASSWORD });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ message: string }>().message).toBe(
      '"user" must be an existing uuid or username.',
    );
  });
});
