// What Coder's dashboard asks for before it can render a signed-in page, with bodies shaped like
// an unlicensed (AGPL) deployment's: codersdk.Organization, Entitlements, Experiments,
// UpdateCheckResponse and RegionsResponse[Region], fields in Go order.
import { type Ctx, json, now } from "../context.ts";
import { goTimeJson } from "../go-json.ts";
import type { MockUser } from "../model.ts";
import { DEPLOYMENT_ID, MOCK_VERSION, SEEDED_AT } from "../seed.ts";

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

/** Without a licence nothing is entitled; a trial licence entitles every feature. */
export function getEntitlements(ctx: Ctx): Response {
  const trial = ctx.env.state.license?.trial === true;
  const feature = trial
    ? { entitlement: "entitled", enabled: true }
    : { entitlement: "not_entitled", enabled: false };
  return json(ctx, 200, {
    features: Object.fromEntries(FEATURES.map((name) => [name, feature])),
    warnings: [],
    errors: [],
    has_license: trial,
    trial,
    require_telemetry: false,
    refreshed_at: goTimeJson(now(ctx)),
  });
}

/** GET /experiments: the enabled experiments (none by default). */
export function getExperiments(ctx: Ctx): Response {
  return json(ctx, 200, []);
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

/** codersdk.Region of the deployment itself (a WorkspaceProxy adds fields to it). */
export function primaryRegion(ctx: Ctx) {
  return {
    id: DEPLOYMENT_ID,
    name: "primary",
    display_name: "Default",
    icon_url: "/emojis/1f3e1.png",
    healthy: true,
    path_app_url: ctx.url.origin,
    wildcard_hostname: "",
  };
}

/** GET /regions: the primary region only (no workspace proxies without a license). */
export function getRegions(ctx: Ctx): Response {
  return json(ctx, 200, { regions: [primaryRegion(ctx)] });
}
