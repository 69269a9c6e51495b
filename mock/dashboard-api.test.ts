// What Coder's dashboard loads on /workspaces and /templates, for a small deployment.
import { describe, expect, it } from "vitest";
import { DEFAULT_ORG, SEEDED_IDS } from "./seed.ts";
import { call, newMock, sessionHeader, signIn } from "./test-helpers.ts";

const SIGNED_OUT =
  "You are signed out or your session has expired. Please sign in again to continue.";

async function as(email: string) {
  const mock = newMock();
  const auth = { headers: sessionHeader(await signIn(mock, email)) };
  return { mock, get: (path: string) => call(mock, "GET", path, auth), auth };
}

describe("the dashboard's endpoints", () => {
  it.each([
    "/api/v2/workspaces",
    "/api/v2/templates",
    "/api/v2/templates/examples",
    "/api/v2/users",
    "/api/v2/users/me/organizations",
    "/api/v2/workspaceproxies",
    "/api/v2/deployment/stats",
    "/api/v2/debug/health",
    "/api/v2/notifications/inbox",
    "/api/v2/notifications/inbox/watch",
  ])("%s answers 401 with Coder's message when signed out", async (path) => {
    const res = await call(newMock(), "GET", path);
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ message: SIGNED_OUT });
  });

  it("workspaces: an owner reads everyone's, a member only their own; owner:me narrows", async () => {
    const owner = await as("admin@coder.com");
    const all = owner.get("/api/v2/workspaces");
    const body = (await all).json<{ workspaces: Array<Record<string, unknown>>; count: number }>();
    expect(body.count).toBe(2);
    expect(body.workspaces.map((w) => w.name)).toEqual(["dev", "member-dev"]);
    expect(body.workspaces[0]).toMatchObject({
      owner_id: SEEDED_IDS.admin,
      owner_name: "admin",
      organization_id: DEFAULT_ORG.id,
      template_name: "docker",
      latest_build: { status: "running", transition: "start", job: { status: "succeeded" } },
      health: { healthy: true, failing_agents: [] },
    });
    const mine = (await owner.get("/api/v2/workspaces?q=owner:me")).json<{ count: number }>();
    expect(mine.count).toBe(1);

    const member = await as("member@coder.com");
    const own = (await member.get("/api/v2/workspaces")).json<{
      workspaces: Array<{ name: string; latest_build: { status: string } }>;
    }>();
    expect(own.workspaces.map((w) => [w.name, w.latest_build.status])).toEqual([
      ["member-dev", "stopped"],
    ]);
  });

  it("templates: members read the template through the Everyone group; examples for all", async () => {
    const member = await as("member@coder.com");
    const templates = (await member.get("/api/v2/templates")).json<
      Array<Record<string, unknown>>
    >();
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({
      name: "docker",
      display_name: "Docker Containers",
      organization_id: DEFAULT_ORG.id,
      provisioner: "terraform",
      deprecated: false,
    });
    const examples = (await member.get("/api/v2/templates/examples")).json<
      Array<{ id: string; tags: string[] }>
    >();
    expect(examples.map((e) => e.id)).toEqual(["docker", "kubernetes"]);
  });

  it("users: Coder's GetUsersResponse, paginated, count of every readable row", async () => {
    const owner = await as("admin@coder.com");
    const page = (await owner.get("/api/v2/users?limit=2&offset=1")).json<{
      users: Array<{ username: string; organization_ids: string[] }>;
      count: number;
    }>();
    expect(page.count).toBe(9);
    expect(page.users).toHaveLength(2);
    expect(page.users[0]?.organization_ids).toEqual([DEFAULT_ORG.id]);
    const bad = await owner.get("/api/v2/users?limit=many");
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ message: "Query parameters have invalid values." });
  });

  it("users/me/organizations: the caller's organizations", async () => {
    const member = await as("member@coder.com");
    const orgs = (await member.get("/api/v2/users/me/organizations")).json<
      Array<Record<string, unknown>>
    >();
    expect(orgs).toEqual([
      expect.objectContaining({ id: DEFAULT_ORG.id, name: "coder", is_default: true }),
    ]);
  });

  it("workspaceproxies: a premium feature (403 unlicensed), the primary region with a trial", async () => {
    const owner = await as("admin@coder.com");
    const refused = await owner.get("/api/v2/workspaceproxies");
    expect(refused.status).toBe(403);
    expect(refused.json()).toEqual({
      message: "Workspace Proxy is a Premium feature. Contact sales!",
    });
    owner.mock.reset({ users: "none" });
    await call(owner.mock, "POST", "/api/v2/users/first", {
      json: {
        email: "ada@example.com",
        username: "ada",
        password: "Correct-Horse-42!",
        trial: true,
      },
    });
    const token = await signIn(owner.mock, "ada@example.com", "Correct-Horse-42!");
    const proxies = await call(owner.mock, "GET", "/api/v2/workspaceproxies", {
      headers: sessionHeader(token),
    });
    expect(proxies.status).toBe(200);
    expect(proxies.json()).toMatchObject({
      regions: [{ name: "primary", healthy: true, status: { status: "ok" } }],
    });
  });

  it("deployment stats for those who may read them (403 Forbidden for members)", async () => {
    const owner = await as("admin@coder.com");
    const stats = (await owner.get("/api/v2/deployment/stats")).json<Record<string, unknown>>();
    expect(stats).toMatchObject({ workspaces: { running: 1, stopped: 1 } });
    const member = await as("member@coder.com");
    const refused = await member.get("/api/v2/deployment/stats");
    expect(refused.status).toBe(403);
    expect(refused.json()).toEqual({ message: "Forbidden." });
  });

  it("debug/health for owners only (others get Coder's 404)", async () => {
    const owner = await as("admin@coder.com");
    expect((await owner.get("/api/v2/debug/health")).json()).toMatchObject({
      healthy: true,
      severity: "ok",
    });
    const member = await as("member@coder.com");
    expect((await member.get("/api/v2/debug/health")).status).toBe(404);
  });

  it("notifications/inbox: an empty inbox", async () => {
    const member = await as("member@coder.com");
    expect((await member.get("/api/v2/notifications/inbox")).json()).toEqual({
      notifications: [],
      unread_count: 0,
    });
  });
});

describe("PUT /users/{user}/appearance", () => {
  it("stores the theme and font; GET returns them", async () => {
    const member = await as("member@coder.com");
    const put = await call(member.mock, "PUT", "/api/v2/users/me/appearance", {
      ...member.auth,
      json: { theme_preference: "light", terminal_font: "fira-code" },
    });
    expect(put.status).toBe(200);
    expect(put.json()).toEqual({
      theme_preference: "light",
      theme_mode: "",
      theme_light: "",
      theme_dark: "",
      terminal_font: "fira-code",
    });
    expect((await member.get("/api/v2/users/me/appearance")).json()).toMatchObject({
      theme_preference: "light",
      terminal_font: "fira-code",
    });
  });

  it("validates as Coder does: both fields required, then the font family", async () => {
    const member = await as("member@coder.com");
    const put = (json: unknown) =>
      call(member.mock, "PUT", "/api/v2/users/me/appearance", { ...member.auth, json });
    const missing = await put({ theme_preference: "dark" });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({
      message: "Validation failed.",
      validations: [
        { field: "terminal_font", detail: 'Validation failed for tag "required" with value: ""' },
      ],
    });
    const font = await put({ theme_preference: "dark", terminal_font: "comic-sans" });
    expect(font.status).toBe(400);
    expect(font.json()).toEqual({ message: "Unsupported font family." });
    const wrongType = await put({ theme_preference: 1, terminal_font: "fira-code" });
    expect(wrongType.json()).toMatchObject({ message: "Request body must be valid JSON." });
    expect((await member.get("/api/v2/users/me/appearance")).json()).toMatchObject({
      theme_preference: "",
    });
  });

  it("needs a session and the CSRF token like any other change", async () => {
    const mock = newMock();
    const res = await call(mock, "PUT", "/api/v2/users/me/appearance", {
      json: { theme_preference: "dark", terminal_font: "fira-code" },
    });
    expect(res.status).toBe(401);
  });
});
