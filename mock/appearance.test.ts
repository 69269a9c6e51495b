// GET and PUT /api/v2/appearance (enterprise/coderd/appearance.go), with and without a licence.
import { describe, expect, it } from "vitest";
import type { MockCoder } from "./coder.ts";
import { call, newMock, sessionHeader, signIn } from "./test-helpers.ts";

const APPEARANCE = "/api/v2/appearance";
const JSON_TYPE = "application/json; charset=utf-8";
const SIGNED_OUT =
  "You are signed out or your session has expired. Please sign in again to continue.";

const DEFAULTS = {
  application_name: "",
  logo_url: "",
  docs_url: "https://coder.com/docs/@v2.30.0",
  service_banner: { enabled: false },
  announcement_banners: [],
  support_links: [
    { name: "Documentation", target: "https://coder.com/docs/@v2.30.0", icon: "docs" },
    {
      name: "Report a bug",
      target:
        "https://github.com/coder/coder/issues/new?labels=needs+triage&body=Version: [`v2.30.0-mock`](https://github.com/coder/coder/releases/tag/v2.30.0)",
      icon: "bug",
    },
    {
      name: "Join the Coder Discord",
      target: "https://coder.com/chat?utm_source=coder&utm_medium=coder&utm_campaign=server-footer",
      icon: "chat",
    },
    { name: "Star the Repo", target: "https://github.com/coder/coder", icon: "star" },
  ],
};

const BRANDED = {
  application_name: "Acme Cloud Desktops",
  logo_url: "https://cdn.acme.example/logo.svg",
  announcement_banners: [
    { enabled: true, message: "Maintenance on **Sunday**", background_color: "#004852" },
    { enabled: false, message: "", background_color: "#ffffff" },
  ],
};

async function as(mock: MockCoder, email: string) {
  return sessionHeader(await signIn(mock, email));
}

async function get(mock: MockCoder, email: string) {
  return call(mock, "GET", APPEARANCE, { headers: await as(mock, email) });
}

async function put(mock: MockCoder, body: unknown, email = "admin@coder.com") {
  return call(mock, "PUT", APPEARANCE, { headers: await as(mock, email), json: body });
}

describe("GET /appearance", () => {
  it("answers a signed-out request with 401: the route needs a session (or an agent token)", async () => {
    const mock = newMock();
    const tokens: Array<Record<string, string>> = [
      {},
      { "Coder-Session-Token": "not-a-token" },
      { "Coder-Session-Token": "abcdefghij-abcdefghijklmnopqrstuv" },
    ];
    for (const headers of tokens) {
      const res = await call(mock, "GET", APPEARANCE, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe(JSON_TYPE);
      expect(res.json()).toEqual({
        message: "API key or workspace agent token required, but none provided",
      });
    }
  });

  it("treats an expired session as no session", async () => {
    const mock = newMock();
    const headers = await as(mock, "member@coder.com");
    mock.advanceClock(25 * 60 * 60 * 1000);
    const res = await call(mock, "GET", APPEARANCE, { headers });
    expect(res.status).toBe(401);
    expect(res.json<{ message: string }>().message).toBe(
      "API key or workspace agent token required, but none provided",
    );
  });

  it("answers Coder's defaults to any signed-in user before anyone brands the deployment", async () => {
    const mock = newMock();
    const res = await get(mock, "member@coder.com");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(JSON_TYPE);
    expect(res.json()).toEqual(DEFAULTS);
    // Field order and Go's HTML-safe escaping, as httpapi.Write writes them.
    expect(res.text).toMatch(
      /^\{"application_name":"","logo_url":"","docs_url":"[^"]+","service_banner":\{"enabled":false\},"announcement_banners":\[\],"support_links":\[/,
    );
    expect(res.text).toContain("utm_source=coder\\u0026utm_medium=coder");
  });

  it("refuses a suspended account, and a dormant one (this route does not wake it)", async () => {
    const mock = newMock();
    const headers = await as(mock, "member@coder.com");
    for (const status of ["suspended", "dormant"]) {
      await call(mock, "PUT", "/__mock/users/member@coder.com", { json: { status } });
      const res = await call(mock, "GET", APPEARANCE, { headers });
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({
        message: `User is not active (status = "${status}"). Contact an admin to reactivate your account.`,
      });
    }
    const users = await call(mock, "PUT", "/__mock/users/member@coder.com", {
      json: { status: "dormant" },
    });
    expect(users.json()).toMatchObject({ status: "dormant" });
  });
});

describe("PUT /appearance", () => {
  it("lets an owner brand the deployment: 200 with what it stored, then every user sees it", async () => {
    const mock = newMock();
    const res = await put(mock, BRANDED);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(JSON_TYPE);
    expect(res.text).toBe(
      '{"application_name":"Acme Cloud Desktops","logo_url":"https://cdn.acme.example/logo.svg","service_banner":{"enabled":false},"announcement_banners":[{"enabled":true,"message":"Maintenance on **Sunday**","background_color":"#004852"},{"enabled":false,"background_color":"#ffffff"}]}\n',
    );

    const seen = await get(mock, "member@coder.com");
    expect(seen.json()).toEqual({
      ...DEFAULTS,
      application_name: "Acme Cloud Desktops",
      logo_url: "https://cdn.acme.example/logo.svg",
      service_banner: {
        enabled: true,
        message: "Maintenance on **Sunday**",
        background_color: "#004852",
      },
      announcement_banners: [
        { enabled: true, message: "Maintenance on **Sunday**", background_color: "#004852" },
        { enabled: false, background_color: "#ffffff" },
      ],
    });
  });

  it("replaces everything on each PUT; missing or null banners become []", async () => {
    const mock = newMock();
    await put(mock, BRANDED);
    const res = await put(mock, { application_name: "Only a name", announcement_banners: null });
    expect(res.json()).toEqual({
      application_name: "Only a name",
      logo_url: "",
      service_banner: { enabled: false },
      announcement_banners: [],
    });
    const seen = await get(mock, "admin@coder.com");
    expect(seen.json()).toMatchObject({
      application_name: "Only a name",
      logo_url: "",
      announcement_banners: [],
      service_banner: { enabled: false },
    });
  });

  it("echoes service_banner without storing it, and escapes markup in JSON", async () => {
    const mock = newMock();
    const res = await put(mock, {
      application_name: "<b>Acme</b>",
      service_banner: { enabled: true, message: "legacy" },
    });
    expect(res.text).toContain('"application_name":"\\u003cb\\u003eAcme\\u003c/b\\u003e"');
    expect(res.json()).toMatchObject({ service_banner: { enabled: true, message: "legacy" } });
    const seen = await get(mock, "admin@coder.com");
    expect(seen.json()).toMatchObject({ service_banner: { enabled: false } });
  });

  it.each([
    "member@coder.com",
    "auditor@coder.com",
    "user-admin@coder.com",
    "template-admin@coder.com",
  ])("refuses %s with 403 (updating deployment config is the owner's)", async (email) => {
    const mock = newMock();
    const res = await put(mock, BRANDED, email);
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({ message: "Insufficient permissions to update appearance" });
    const seen = await get(mock, email);
    expect(seen.json()).toMatchObject({ application_name: "" });
  });

  it("needs a session", async () => {
    const res = await call(newMock(), "PUT", APPEARANCE, { json: BRANDED });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({
      message: SIGNED_OUT,
      detail: 'Cookie "coder_session_token" or query parameter must be provided.',
    });
  });

  it("checks permission before reading the body", async () => {
    const mock = newMock();
    const res = await call(mock, "PUT", APPEARANCE, {
      headers: { ...(await as(mock, "member@coder.com")), "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(403);
  });

  it.each([
    ["{not json", "invalid character 'n' looking for beginning of object key string"],
    ["", "EOF"],
  ])("answers a body that is not JSON (%j) with 400", async (body, detail) => {
    const mock = newMock();
    const res = await call(mock, "PUT", APPEARANCE, {
      headers: { ...(await as(mock, "admin@coder.com")), "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ message: "Request body must be valid JSON.", detail });
  });

  it.each([
    [
      { application_name: 42 },
      "json: cannot unmarshal number into Go struct field UpdateAppearanceConfig.application_name of type string",
    ],
    [
      { LOGO_URL: ["x"] },
      "json: cannot unmarshal array into Go struct field UpdateAppearanceConfig.logo_url of type string",
    ],
    [
      { announcement_banners: "none" },
      "json: cannot unmarshal string into Go struct field UpdateAppearanceConfig.announcement_banners of type []codersdk.BannerConfig",
    ],
    [
      { announcement_banners: [1] },
      "json: cannot unmarshal number into Go struct field UpdateAppearanceConfig.announcement_banners of type codersdk.BannerConfig",
    ],
    [
      { announcement_banners: [{ enabled: "yes" }] },
      "json: cannot unmarshal string into Go struct field BannerConfig.announcement_banners.enabled of type bool",
    ],
    [
      { service_banner: { message: false } },
      "json: cannot unmarshal bool into Go struct field BannerConfig.service_banner.message of type string",
    ],
    [[], "json: cannot unmarshal array into Go value of type codersdk.UpdateAppearanceConfig"],
  ])(
    "answers a field of the wrong type (%j) with encoding/json's message",
    async (body, detail) => {
      const res = await put(newMock(), body);
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ message: "Request body must be valid JSON.", detail });
    },
  );

  it.each([
    ["red", "expected # prefix and 6 characters"],
    ["", "expected # prefix and 6 characters"],
    ["#ffffff0", "expected # prefix and 6 characters"],
    ["0f0f0f0", "no # prefix"],
    ["#12345g", "encoding/hex: invalid byte: U+0067 'g'"],
    ["#ééé", "encoding/hex: invalid byte: U+00C3 'Ã'"],
    ["#12 456", "encoding/hex: invalid byte: U+0020 ' '"],
    ["#12\n456", "encoding/hex: invalid byte: U+000A"],
  ])("refuses the banner colour %j", async (color, detail) => {
    const mock = newMock();
    const res = await put(mock, {
      ...BRANDED,
      announcement_banners: [{ enabled: true, message: "hi", background_color: color }],
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      message: `Invalid color format: ${JSON.stringify(color)}`,
      detail,
    });
    const seen = await get(mock, "admin@coder.com");
    expect(seen.json()).toMatchObject({ application_name: "" });
  });

  it("is forgotten on reset", async () => {
    const mock = newMock();
    await put(mock, BRANDED);
    mock.reset();
    const seen = await get(mock, "admin@coder.com");
    expect(seen.json()).toEqual(DEFAULTS);
  });
});

describe("without a licence", () => {
  it("unlicensed: PUT still stores, GET answers the defaults until a licence turns it on", async () => {
    const mock = newMock();
    const config = await call(mock, "PUT", "/__mock/config", {
      json: { appearance: "unlicensed" },
    });
    expect(config.json()).toMatchObject({ appearance: "unlicensed" });
    const stored = await put(mock, BRANDED);
    expect(stored.status).toBe(200);
    const headers = await as(mock, "member@coder.com");
    expect((await call(mock, "GET", APPEARANCE, { headers })).json()).toEqual(DEFAULTS);

    await call(mock, "PUT", "/__mock/config", { json: { appearance: "licensed" } });
    const licensed = await call(mock, "GET", APPEARANCE, { headers });
    expect(licensed.json()).toMatchObject({ application_name: "Acme Cloud Desktops" });
  });

  it("agpl: there is no such route, whoever asks", async () => {
    const mock = newMock();
    await call(mock, "PUT", "/__mock/config", { json: { appearance: "agpl" } });
    const anonymous = await call(mock, "GET", APPEARANCE);
    const member = await call(mock, "GET", APPEARANCE, {
      headers: await as(mock, "member@coder.com"),
    });
    const owner = await call(mock, "PUT", APPEARANCE, { json: BRANDED });
    for (const res of [anonymous, member, owner]) {
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe(JSON_TYPE);
      expect(res.json()).toEqual({ message: "Route not found." });
    }
  });

  it("refuses an unknown appearance mode", async () => {
    const mock = newMock();
    const res = await call(mock, "PUT", "/__mock/config", { json: { appearance: "premium" } });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      message: 'Setting "appearance" must be one of "licensed", "unlicensed", "agpl".',
    });
    expect(mock.config.appearance).toBe("licensed");
  });
});
