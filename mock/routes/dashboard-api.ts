// What Coder's dashboard loads on /workspaces, /templates and around them, for a small
// deployment: one template, a workspace each for the admin and the member, no notifications.
// Bodies follow codersdk (WorkspacesResponse, Template, TemplateExample, GetUsersResponse,
// Organization, RegionsResponse[WorkspaceProxy], DeploymentStats, healthsdk.HealthcheckReport,
// ListInboxNotificationsResponse, UserAppearanceSettings); access follows coderd's RBAC checks.

import { type Ctx, error, json, now } from "../context.ts";
import { goTimeJson } from "../go-json.ts";
import { readStruct } from "../http-read.ts";
import { type MockUser, rbacSubject, userJson, userObject } from "../model.ts";
import { authorize, type RbacObjectWithAcl } from "../rbac.ts";
import { DEFAULT_ORG, MOCK_VERSION, SEEDED_AT, SEEDED_IDS } from "../seed.ts";
import { UpdateUserAppearanceSettingsRequest } from "../structs.ts";
import { primaryRegion } from "./deployment.ts";
import { RESOURCE_NOT_FOUND } from "./session.ts";

const TEMPLATE = {
  id: "c0de0000-0000-4000-8000-0000000000b1",
  versionId: "c0de0000-0000-4000-8000-0000000000b2",
  name: "docker",
  displayName: "Docker Containers",
  description: "Develop in Docker containers on the Coder host",
  icon: "/icon/docker.png",
} as const;

interface SeedWorkspace {
  id: string;
  buildId: string;
  name: string;
  ownerId: string;
  status: "running" | "stopped";
}

const WORKSPACES: readonly SeedWorkspace[] = [
  {
    id: "c0de0000-0000-4000-8000-0000000000c1",
    buildId: "c0de0000-0000-4000-8000-0000000000d1",
    name: "dev",
    ownerId: SEEDED_IDS.admin,
    status: "running",
  },
  {
    id: "c0de0000-0000-4000-8000-0000000000c2",
    buildId: "c0de0000-0000-4000-8000-0000000000d2",
    name: "member-dev",
    ownerId: SEEDED_IDS.member,
    status: "stopped",
  },
];

const EXAMPLES = [
  {
    id: "docker",
    url: "https://github.com/coder/coder/tree/main/examples/templates/docker",
    name: "Docker Containers",
    description: "Provision Docker containers as Coder workspaces",
    icon: "/icon/docker.png",
    tags: ["docker", "container"],
    markdown: "# Docker Containers\n\nProvision Docker containers as Coder workspaces.\n",
  },
  {
    id: "kubernetes",
    url: "https://github.com/coder/coder/tree/main/examples/templates/kubernetes",
    name: "Kubernetes (Deployment)",
    description: "Provision Kubernetes Deployments as Coder workspaces",
    icon: "/icon/k8s.png",
    tags: ["kubernetes", "container"],
    markdown: "# Kubernetes\n\nProvision Kubernetes Deployments as Coder workspaces.\n",
  },
];

const me = (ctx: Ctx) => ctx.user as MockUser;
const subjectOf = (ctx: Ctx) => rbacSubject(ctx.env.state, me(ctx));

function templateObject(): RbacObjectWithAcl {
  // The org's Everyone group may use (and so read) a new template, as Coder sets it up.
  return {
    type: "template",
    owner: "",
    orgOwner: DEFAULT_ORG.id,
    anyOrg: false,
    aclGroupList: { [DEFAULT_ORG.id]: ["read", "use"] },
  };
}

function templateJson(): Record<string, unknown> {
  const at = goTimeJson(SEEDED_AT);
  return {
    id: TEMPLATE.id,
    created_at: at,
    updated_at: at,
    organization_id: DEFAULT_ORG.id,
    organization_name: DEFAULT_ORG.name,
    organization_display_name: DEFAULT_ORG.displayName,
    organization_icon: "",
    name: TEMPLATE.name,
    display_name: TEMPLATE.displayName,
    provisioner: "terraform",
    active_version_id: TEMPLATE.versionId,
    active_user_count: 1,
    build_time_stats: {
      start: { P50: 12_000, P95: 30_000 },
      stop: { P50: 5_000, P95: 9_000 },
      delete: { P50: 6_000, P95: 11_000 },
    },
    description: TEMPLATE.description,
    deprecated: false,
    deprecation_message: "",
    icon: TEMPLATE.icon,
    default_ttl_ms: 0,
    activity_bump_ms: 3_600_000,
    autostop_requirement: { days_of_week: [], weeks: 1 },
    autostart_requirement: {
      days_of_week: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    },
    created_by_id: SEEDED_IDS.admin,
    created_by_name: "admin",
    allow_user_autostart: true,
    allow_user_autostop: true,
    allow_user_cancel_workspace_jobs: false,
    failure_ttl_ms: 0,
    time_til_dormant_ms: 0,
    time_til_dormant_autodelete_ms: 0,
    require_active_version: false,
    max_port_share_level: "owner",
    cors_behavior: "simple",
    use_classic_parameter_flow: false,
  };
}

function workspaceObject(w: SeedWorkspace): RbacObjectWithAcl {
  return { type: "workspace", owner: w.ownerId, orgOwner: DEFAULT_ORG.id, anyOrg: false };
}

function workspaceJson(w: SeedWorkspace, owner: MockUser): Record<string, unknown> {
  const at = goTimeJson(SEEDED_AT);
  const running = w.status === "running";
  return {
    id: w.id,
    created_at: at,
    updated_at: at,
    owner_id: owner.id,
    owner_name: owner.username,
    owner_avatar_url: owner.avatarUrl,
    organization_id: DEFAULT_ORG.id,
    organization_name: DEFAULT_ORG.name,
    template_id: TEMPLATE.id,
    template_name: TEMPLATE.name,
    template_display_name: TEMPLATE.displayName,
    template_icon: TEMPLATE.icon,
    template_allow_user_cancel_workspace_jobs: false,
    template_active_version_id: TEMPLATE.versionId,
    template_require_active_version: false,
    template_use_classic_parameter_flow: false,
    latest_build: {
      id: w.buildId,
      created_at: at,
      updated_at: at,
      workspace_id: w.id,
      workspace_name: w.name,
      workspace_owner_id: owner.id,
      workspace_owner_name: owner.username,
      workspace_owner_avatar_url: owner.avatarUrl,
      template_version_id: TEMPLATE.versionId,
      template_version_name: "v1",
      build_number: 1,
      transition: running ? "start" : "stop",
      initiator_id: owner.id,
      initiator_name: owner.username,
      job: {
        id: w.buildId.replace(/d(\d)$/, "e$1"),
        created_at: at,
        started_at: at,
        completed_at: at,
        status: "succeeded",
        file_id: "00000000-0000-0000-0000-000000000000",
        tags: { owner: "", scope: "organization" },
        queue_position: 0,
        queue_size: 0,
        organization_id: DEFAULT_ORG.id,
        type: "workspace_build",
        metadata: {
          template_version_name: "v1",
          template_id: TEMPLATE.id,
          template_name: TEMPLATE.name,
          template_display_name: TEMPLATE.displayName,
          template_icon: TEMPLATE.icon,
          workspace_id: w.id,
          workspace_name: w.name,
        },
        logs_overflowed: false,
      },
      reason: "initiator",
      resources: [],
      status: w.status,
      daily_cost: 0,
    },
    latest_app_status: null,
    outdated: false,
    name: w.name,
    autostart_schedule: "",
    ttl_ms: null,
    last_used_at: at,
    deleting_at: null,
    dormant_at: null,
    health: { healthy: true, failing_agents: [] },
    automatic_updates: "never",
    allow_renames: false,
    favorite: false,
    next_start_at: null,
    is_prebuild: false,
  };
}

/** GET /workspaces: what the caller may read; `q=owner:me` (the dashboard's default) narrows. */
export function getWorkspaces(ctx: Ctx): Response {
  const { state } = ctx.env;
  const subject = subjectOf(ctx);
  const query = (ctx.url.searchParams.get("q") ?? "").trim();
  const ownerFilter = /(?:^|\s)owner:(\S+)/.exec(query)?.[1];
  const rows = WORKSPACES.flatMap((w) => {
    const owner = state.users.get(w.ownerId);
    if (!owner || owner.deleted) return [];
    if (authorize(subject, "read", workspaceObject(w)) !== true) return [];
    if (ownerFilter) {
      const wanted = ownerFilter === "me" ? me(ctx).username : ownerFilter;
      if (owner.username.toLowerCase() !== wanted.toLowerCase()) return [];
    }
    return [workspaceJson(w, owner)];
  });
  return json(ctx, 200, { workspaces: rows, count: rows.length });
}

/** GET /templates: the templates the caller may read. */
export function getTemplates(ctx: Ctx): Response {
  const readable = authorize(subjectOf(ctx), "read", templateObject()) === true;
  return json(ctx, 200, readable ? [templateJson()] : []);
}

/** GET /templates/examples: Coder's starter templates (any signed-in user). */
export function getTemplateExamples(ctx: Ctx): Response {
  return json(ctx, 200, EXAMPLES);
}

/** GET /users: Coder's paginated GetUsersResponse, rows the caller may read. */
export function getUsers(ctx: Ctx): Response {
  const { state } = ctx.env;
  const subject = subjectOf(ctx);
  const limitText = ctx.url.searchParams.get("limit") ?? "";
  const offsetText = ctx.url.searchParams.get("offset") ?? "";
  const limit = limitText === "" ? 0 : Number(limitText);
  const offset = offsetText === "" ? 0 : Number(offsetText);
  const badInt = (name: string, value: string) =>
    error(ctx, 400, {
      message: "Query parameters have invalid values.",
      validations: [
        { field: name, detail: `Query param "${name}" must be a valid integer: ${value}` },
      ],
    });
  if (!Number.isInteger(limit)) return badInt("limit", limitText);
  if (!Number.isInteger(offset)) return badInt("offset", offsetText);
  const readable = [...state.users.values()]
    .filter((u) => !u.deleted && authorize(subject, "read", userObject(u)) === true)
    .sort((a, b) => a.username.localeCompare(b.username));
  const page = readable.slice(offset, limit > 0 ? offset + limit : undefined);
  return json(ctx, 200, {
    users: page.map((u) => userJson(state, u)),
    count: readable.length,
  });
}

/** GET /users/{user}/organizations: the organizations the user belongs to. */
export function getUserOrganizations(ctx: Ctx): Response {
  const { state } = ctx.env;
  const target = ctx.target as MockUser;
  if (target.id !== me(ctx).id && authorize(subjectOf(ctx), "read", userObject(target)) !== true) {
    return error(ctx, 404, { message: RESOURCE_NOT_FOUND });
  }
  const mine = new Set(state.memberships.filter((m) => m.userId === target.id).map((m) => m.orgId));
  const at = goTimeJson(SEEDED_AT);
  const body = [...state.organizations.values()]
    .filter((org) => mine.has(org.id))
    .map((org) => ({
      id: org.id,
      name: org.name,
      display_name: org.displayName,
      description: "",
      icon: "",
      created_at: at,
      updated_at: at,
      is_default: org.id === DEFAULT_ORG.id,
      default_org_member_roles: [],
    }));
  return json(ctx, 200, body);
}

/**
 * GET /workspaceproxies (enterprise): the primary region as a WorkspaceProxy. Without the
 * workspace_proxy feature, Coder's feature gate answers 403 (the dashboard then uses /regions).
 */
export function getWorkspaceProxies(ctx: Ctx): Response {
  if (ctx.env.state.license?.trial !== true) {
    return error(ctx, 403, { message: "Workspace Proxy is a Premium feature. Contact sales!" });
  }
  const at = goTimeJson(SEEDED_AT);
  return json(ctx, 200, {
    regions: [
      {
        ...primaryRegion(ctx),
        derp_enabled: false,
        derp_only: false,
        status: { status: "ok", report: { errors: [], warnings: [] }, checked_at: at },
        created_at: at,
        updated_at: at,
        deleted: false,
        version: MOCK_VERSION,
      },
    ],
  });
}

/** GET /deployment/stats: deployment_stats read (owners, auditors), else 403 Forbidden. */
export function getDeploymentStats(ctx: Ctx): Response {
  if (authorize(subjectOf(ctx), "read", siteObject("deployment_stats")) !== true) {
    return error(ctx, 403, { message: "Forbidden." });
  }
  const t = now(ctx);
  const running = WORKSPACES.filter((w) => w.status === "running").length;
  return json(ctx, 200, {
    aggregated_from: goTimeJson(t - 30 * 60 * 1000),
    collected_at: goTimeJson(t),
    next_update_at: goTimeJson(t + 30 * 1000),
    workspaces: {
      pending: 0,
      building: 0,
      running,
      failed: 0,
      stopped: WORKSPACES.length - running,
      connection_latency_ms: { P50: 0, P95: 0 },
      rx_bytes: 0,
      tx_bytes: 0,
    },
    session_count: { vscode: 0, ssh: 0, jetbrains: 0, reconnecting_pty: 0 },
  });
}

function siteObject(type: string): RbacObjectWithAcl {
  return { type, owner: "", orgOwner: "", anyOrg: false };
}

/**
 * GET /debug/health: owners only (the /debug group answers everyone else Coder's 404); a
 * healthy one-replica deployment.
 */
export function getDebugHealth(ctx: Ctx): Response {
  if (authorize(subjectOf(ctx), "read", siteObject("debug_info")) !== true) {
    return error(ctx, 404, { message: RESOURCE_NOT_FOUND });
  }
  const at = goTimeJson(now(ctx));
  const section = (extra: Record<string, unknown> = {}) => ({
    healthy: true,
    severity: "ok",
    warnings: [],
    dismissed: false,
    ...extra,
  });
  return json(ctx, 200, {
    time: at,
    healthy: true,
    severity: "ok",
    derp: section({ regions: {}, netcheck: null, netcheck_err: null, netcheck_logs: [] }),
    access_url: section({
      access_url: ctx.url.origin,
      reachable: true,
      status_code: 200,
      healthz_response: "OK",
    }),
    websocket: section({ body: "", code: 101 }),
    database: section({ reachable: true, latency: "1ms", latency_ms: 1, threshold_ms: 15 }),
    workspace_proxy: section({ workspace_proxies: { regions: [] } }),
    provisioner_daemons: section({ items: [] }),
    coder_version: MOCK_VERSION,
  });
}

/** GET /notifications/inbox: the caller's inbox, empty in this deployment. */
export function getInboxNotifications(ctx: Ctx): Response {
  return json(ctx, 200, { notifications: [], unread_count: 0 });
}

const TERMINAL_FONTS = [
  "",
  "geist-mono",
  "ibm-plex-mono",
  "fira-code",
  "source-code-pro",
  "jetbrains-mono",
];

function appearanceJson(user: MockUser): Record<string, unknown> {
  const a = user.appearance;
  return {
    theme_preference: a.themePreference,
    theme_mode: a.themeMode,
    theme_light: a.themeLight,
    theme_dark: a.themeDark,
    terminal_font: a.terminalFont,
  };
}

/** GET /users/{user}/appearance: what the user chose ("" for nothing yet). */
export function getUserAppearance(ctx: Ctx): Response {
  return json(ctx, 200, appearanceJson(ctx.target as MockUser));
}

/**
 * PUT /users/{user}/appearance: the body's tags (both fields required), then the font must be
 * one of Coder's terminal fonts. The theme is stored as given: Coder does not check it, and the
 * dashboard falls back to its default for a value it does not know.
 */
export async function putUserAppearance(ctx: Ctx): Promise<Response> {
  const body = await readStruct(ctx.request, UpdateUserAppearanceSettingsRequest);
  if (!body.ok) return error(ctx, body.status, body.body);
  const font = body.value.terminal_font as string;
  if (!TERMINAL_FONTS.includes(font)) {
    return error(ctx, 400, { message: "Unsupported font family." });
  }
  const target = ctx.target as MockUser;
  if (
    target.id !== me(ctx).id &&
    authorize(subjectOf(ctx), "update_personal", userObject(target)) !== true
  ) {
    return error(ctx, 500, {
      message: "Internal error updating user theme preference.",
      detail: "unauthorized: rbac: forbidden",
    });
  }
  const mode = body.value.theme_mode as string;
  target.appearance.themePreference = body.value.theme_preference as string;
  target.appearance.terminalFont = font;
  // theme_mode is optional: older clients that leave it out keep the stored mode and slots.
  if (mode === "sync" || mode === "single") {
    target.appearance.themeMode = mode;
    if (body.value.theme_light) target.appearance.themeLight = body.value.theme_light as string;
    if (body.value.theme_dark) target.appearance.themeDark = body.value.theme_dark as string;
  }
  return json(ctx, 200, appearanceJson(target));
}
