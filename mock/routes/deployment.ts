// What Coder's dashboard asks for before it can render a signed-in page, with bodies shaped like
// an unlicensed (AGPL) deployment's: codersdk.Organization, Entitlements, Experiments,
// UserAppearanceSettings, UpdateCheckResponse and RegionsResponse[Region], fields in Go order.
import { type Ctx, error, json, now } from "../context.ts";
import { type GoStruct, goTimeJson } from "../go-json.ts";
import { readStruct } from "../http-read.ts";
import type { MockUser } from "../model.ts";
import { DEPLOYMENT_ID, MOCK_VERSION, SEEDED_AT } from "../seed.ts";
import { RESOURCE_NOT_FOUND } from "./session.ts";

/** Licensed features; without a license every one is not entitled (entitlements.New). */
const FEATURES = [
  "access_control",
  "advanced_template_scheduling",
  "appearance",
  "audit_log",
  "browser_only",
  "control_shared_ports",
  "custom_roles",
  "external_provisioner_daemons",
  "external_token_encryption",
  "high_availability",
  "multiple_external_auth",
  "multiple_organizations",
  "scim",
  "template_rbac",
  "user_limit",
  "user_role_management",
  "workspace_batch_actions",
  "workspace_proxy",
] as const;

/** GET /organizations: the organizations the caller belongs to. */
export function getOrganizations(ctx: Ctx): Response {
  const { state } = ctx.env;
  const me = ctx.user as MockUser;
  const mine = new Set(state.memberships.filter((m) => m.userId === me.id).map((m) => m.orgId));
  const body = [...state.organizations.values()]
    .filter((org) => mine.has(org.id))
    .map((org, index) => ({
      id: org.id,
      name: org.name,
      display_name: org.displayName,
      icon: "",
      description: "",
      created_at: goTimeJson(SEEDED_AT),
      updated_at: goTimeJson(SEEDED_AT),
      is_default: index === 0,
      default_org_member_roles: [],
    }));
  return json(ctx, 200, body);
}

export function getEntitlements(ctx: Ctx): Response {
  return json(ctx, 200, {
    features: Object.fromEntries(
      FEATURES.map((name) => [name, { entitlement: "not_entitled", enabled: false }]),
    ),
    warnings: [],
    errors: [],
    has_license: false,
    trial: false,
    require_telemetry: false,
    refreshed_at: goTimeJson(now(ctx)),
  });
}

/** GET /experiments: the enabled experiments (none by default). */
export function getExperiments(ctx: Ctx): Response {
  return json(ctx, 200, []);
}

/** Theme preferences set with PUT, per user; a reset seeds new users, which forgets them all. */
const themePreferences = new WeakMap<MockUser, string>();

/** GET /users/{user}/appearance: "" until the user picks a theme (Coder's default, dark). */
export function getUserAppearance(ctx: Ctx): Response {
  return json(ctx, 200, {
    theme_preference: themePreferences.get(ctx.target as MockUser) ?? "",
    theme_mode: "",
    theme_light: "",
    theme_dark: "",
    terminal_font: "",
  });
}

const UpdateUserAppearanceSettingsRequest: GoStruct = {
  name: "UpdateUserAppearanceSettingsRequest",
  fields: [
    { json: "theme_preference", type: "string", validate: "required" },
    { json: "terminal_font", type: "string" },
  ],
};

/** PUT /users/{user}/appearance, the theme part only: your own settings. */
export async function putUserAppearance(ctx: Ctx): Promise<Response> {
  const target = ctx.target as MockUser;
  if (target.id !== (ctx.user as MockUser).id)
    return error(ctx, 404, { message: RESOURCE_NOT_FOUND });
  const body = await readStruct(ctx.request, UpdateUserAppearanceSettingsRequest);
  if (!body.ok) return error(ctx, body.status, body.body);
  themePreferences.set(target, body.value.theme_preference as string);
  return getUserAppearance(ctx);
}

/** GET /updatecheck (public): with update checks off, Coder reports its own version as current. */
export function getUpdateCheck(ctx: Ctx): Response {
  const version = MOCK_VERSION.replace(/-mock$/, "");
  return json(ctx, 200, {
    current: true,
    version: MOCK_VERSION,
    url: `https://github.com/coder/coder/releases/tag/${version}`,
  });
}

/** GET /regions: the primary region only (no workspace proxies without a license). */
export function getRegions(ctx: Ctx): Response {
  return json(ctx, 200, {
    regions: [
      {
        id: DEPLOYMENT_ID,
        name: "primary",
        display_name: "Default",
        icon_url: "/emojis/1f3e1.png",
        healthy: true,
        path_app_url: ctx.url.origin,
        wildcard_hostname: "",
      },
    ],
  });
}
