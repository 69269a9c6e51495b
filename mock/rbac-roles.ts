// Coder's built-in roles as data (docs/test-facts.md, RBAC §2, §3). Kept apart from the evaluator so the
// tables can be read against the spec line by line.

export interface Permission {
  readonly negate: boolean;
  /** A resource type, or "*" (no built-in role uses a wildcard type). */
  readonly type: string;
  /** An action, or "*" which matches any action string, even unknown ones. */
  readonly action: string;
}

export interface RolePermissions {
  /** Applies to every object. */
  readonly site: readonly Permission[];
  /** Applies to objects owned by the subject that have no org and are not any_org. */
  readonly user: readonly Permission[];
  /** Org roles only: every object in the org the role instance is tied to. */
  readonly org: readonly Permission[];
  /** Org roles only: objects in that org owned by the subject. */
  readonly member: readonly Permission[];
}

export type ShareableWorkspaceOwners = "everyone" | "service_accounts" | "none";

/** Deployment options that change the built-in roles (§1.5); all off by default. */
export interface RoleOptions {
  disableOwnerWorkspaceAccess?: boolean;
  disableWorkspaceSharing?: boolean;
  disableChatSharing?: boolean;
}

export const WILDCARD = "*";

const WORKSPACE_ACTIONS = [
  "application_connect",
  "create",
  "create_agent",
  "delete",
  "delete_agent",
  "read",
  "share",
  "ssh",
  "start",
  "stop",
  "update",
  "update_agent",
] as const;

/** `RBACResourceActions` (§3): the 51 real resource types and their valid actions. */
export const RESOURCE_ACTIONS: ReadonlyMap<string, readonly string[]> = new Map<
  string,
  readonly string[]
>([
  ["ai_gateway_key", ["create", "delete", "read", "update"]],
  ["ai_model_price", ["read", "update"]],
  ["ai_provider", ["create", "delete", "read", "update"]],
  ["ai_seat", ["create", "read"]],
  ["aibridge_interception", ["create", "read", "update"]],
  ["api_key", ["create", "delete", "read", "update"]],
  ["assign_org_role", ["assign", "create", "delete", "read", "unassign", "update"]],
  ["assign_role", ["assign", "read", "unassign"]],
  ["audit_log", ["create", "read"]],
  ["boundary_log", ["create", "delete", "read"]],
  ["boundary_usage", ["delete", "read", "update"]],
  ["chat", ["create", "delete", "read", "share", "update"]],
  ["connection_log", ["read", "update"]],
  ["crypto_key", ["create", "delete", "read", "update"]],
  ["debug_info", ["read"]],
  ["deployment_config", ["read", "update"]],
  ["deployment_stats", ["read"]],
  ["file", ["create", "read"]],
  ["group", ["create", "delete", "read", "update"]],
  ["group_member", ["read"]],
  ["idpsync_settings", ["read", "update"]],
  ["inbox_notification", ["create", "read", "update"]],
  ["license", ["create", "delete", "read"]],
  ["mcp_server_config", ["create", "delete", "read", "share", "update"]],
  ["notification_message", ["create", "delete", "read", "update"]],
  ["notification_preference", ["read", "update"]],
  ["notification_template", ["read", "update"]],
  ["oauth2_app", ["create", "delete", "read", "update"]],
  ["oauth2_app_code_token", ["create", "delete", "read"]],
  ["oauth2_app_secret", ["create", "delete", "read", "update"]],
  ["organization", ["create", "delete", "read", "update"]],
  ["organization_member", ["create", "delete", "read", "update"]],
  ["prebuilt_workspace", ["delete", "update"]],
  ["provisioner_daemon", ["create", "delete", "read", "update"]],
  ["provisioner_jobs", ["create", "read", "update"]],
  ["replicas", ["read"]],
  ["system", ["create", "delete", "read", "update"]],
  ["tailnet_coordinator", ["create", "delete", "read", "update"]],
  ["task", ["create", "delete", "read", "update"]],
  ["template", ["create", "delete", "read", "update", "use", "view_insights"]],
  ["usage_event", ["create", "read", "update"]],
  ["user", ["create", "delete", "read", "read_personal", "update", "update_personal"]],
  ["user_secret", ["create", "delete", "read", "update"]],
  ["user_skill", ["create", "delete", "read", "update"]],
  ["webpush_subscription", ["create", "delete", "read"]],
  ["workspace", WORKSPACE_ACTIONS],
  ["workspace_agent_devcontainers", ["create"]],
  ["workspace_agent_resource_monitor", ["create", "read", "update"]],
  ["workspace_build_orchestration", ["create", "delete", "read", "update"]],
  ["workspace_dormant", WORKSPACE_ACTIONS],
  ["workspace_proxy", ["create", "delete", "read", "update"]],
]);

/** The types `resource_id` may be used with (§1.7). */
export const RESOURCE_ID_TYPES: ReadonlySet<string> = new Set([
  "workspace",
  "template",
  "user",
  "group",
]);

/** The built-in site roles; every user also carries `member`. */
export const SITE_ROLE_NAMES = ["owner", "member", "auditor", "user-admin", "template-admin"];

/** The built-in org roles. */
export const ORG_ROLE_NAMES = [
  "organization-admin",
  "organization-member",
  "organization-workspace-access",
  "organization-auditor",
  "organization-user-admin",
  "organization-template-admin",
  "organization-workspace-creation-ban",
  "agents-access",
];

/** Coder's `DefaultOrgMemberRoles()` (migration 000516). */
export const DEFAULT_ORG_MEMBER_ROLES: readonly string[] = ["organization-workspace-access"];

/** The actions an owner has on dormant workspaces, also reused by the org roles. */
const DORMANT_WORKSPACE_ACTIONS = [
  "read",
  "delete",
  "create",
  "update",
  "stop",
  "create_agent",
  "delete_agent",
  "update_agent",
];

function allow(type: string, ...actions: string[]): Permission[] {
  return actions.map((action) => ({ negate: false, type, action }));
}

function deny(type: string, ...actions: string[]): Permission[] {
  return actions.map((action) => ({ negate: true, type, action }));
}

/** Every valid action of `type`, listed one by one (so an unknown action matches none of them). */
function allActions(type: string): Permission[] {
  return allow(type, ...(RESOURCE_ACTIONS.get(type) ?? []));
}

/** Coder's `allPermsExcept`: a `*` action on every real type except those given. */
function wildcardExcept(...excluded: string[]): Permission[] {
  const skip = new Set(excluded);
  return [...RESOURCE_ACTIONS.keys()]
    .filter((t) => !skip.has(t))
    .flatMap((t) => allow(t, WILDCARD));
}

function role(parts: Partial<RolePermissions>): RolePermissions {
  return { site: [], user: [], org: [], member: [], ...parts };
}

export function siteRoles(options: RoleOptions = {}): ReadonlyMap<string, RolePermissions> {
  const ownerWorkspace = WORKSPACE_ACTIONS.filter(
    (a) => !(options.disableOwnerWorkspaceAccess && (a === "ssh" || a === "application_connect")),
  );
  const owner = role({
    site: [
      ...wildcardExcept(
        "workspace",
        "workspace_dormant",
        "prebuilt_workspace",
        "user_skill",
        "ai_gateway_key",
        "boundary_log",
        // Owner has nothing at all on these four.
        "user_secret",
        "usage_event",
        "boundary_usage",
        "ai_seat",
      ),
      ...allow("workspace", ...ownerWorkspace),
      ...allow("workspace_dormant", ...DORMANT_WORKSPACE_ACTIONS),
      ...allow("prebuilt_workspace", "update", "delete"),
      ...allow("user_skill", "read", "delete"),
      ...allow("ai_gateway_key", "create", "read", "delete"),
      ...allow("boundary_log", "read"),
    ],
  });

  const member = role({
    site: [
      ...allow("assign_role", "read"),
      ...allow("oauth2_app", "read"),
      ...allow("workspace_proxy", "read"),
      // Every user carries `member`, so these site-level denials reach owners too.
      ...(options.disableWorkspaceSharing ? deny("workspace", "share") : []),
      ...(options.disableChatSharing ? deny("chat", "share") : []),
    ],
    user: [
      ...wildcardExcept(
        "workspace",
        "workspace_dormant",
        "prebuilt_workspace",
        "user",
        "organization_member",
        "boundary_usage",
        "boundary_log",
        "aibridge_interception",
        "chat",
        "ai_seat",
      ),
      ...allow("user", "read", "read_personal", "update_personal"),
      ...allow("provisioner_daemon", "read", "create", "update"),
      ...allow("aibridge_interception", "create", "update"),
      ...allow("boundary_log", "create"),
    ],
  });

  const auditor = role({
    site: [
      ...allow("audit_log", "read"),
      ...allow("connection_log", "read"),
      ...allow("template", "read", "view_insights"),
      ...allow("user", "read"),
      ...allow("group", "read"),
      ...allow("group_member", "read"),
      ...allow("organization", "read"),
      ...allow("organization_member", "read"),
      ...allow("deployment_stats", "read"),
      ...allow("deployment_config", "read"),
      ...allow("aibridge_interception", "read"),
      ...allow("boundary_log", "read"),
      ...allow("assign_org_role", "read"),
    ],
  });

  const templateAdmin = role({
    site: [
      ...allActions("template"),
      ...allow("file", "create", "read"),
      ...allow("workspace", "read"),
      ...allow("workspace_dormant", "read"),
      ...allow("prebuilt_workspace", "update", "delete"),
      ...allow("provisioner_daemon", "create", "read", "update", "delete"),
      ...allow("user", "read"),
      ...allow("group", "read"),
      ...allow("group_member", "read"),
      ...allow("organization", "read"),
      ...allow("organization_member", "read"),
      ...allow("assign_org_role", "read"),
    ],
  });

  const userAdmin = role({
    site: [
      ...allActions("user"),
      ...allow("assign_role", "assign", "unassign", "read"),
      ...allow("assign_org_role", "assign", "unassign", "read"),
      ...allow("group", "create", "read", "update", "delete"),
      ...allow("group_member", "read"),
      ...allow("organization", "read"),
      ...allow("organization_member", "create", "read", "update", "delete"),
      ...allow("idpsync_settings", "read", "update"),
    ],
  });

  return new Map([
    ["owner", owner],
    ["member", member],
    ["auditor", auditor],
    ["template-admin", templateAdmin],
    ["user-admin", userAdmin],
  ]);
}

/**
 * The org roles for one org. `organization-member` depends on that org's
 * `shareable_workspace_owners` setting (DB default `everyone`, migration 000443).
 */
export function orgRoles(
  shareable: ShareableWorkspaceOwners = "everyone",
): ReadonlyMap<string, RolePermissions> {
  const organizationAdmin = role({
    site: allow("user", "read"),
    org: [
      ...wildcardExcept(
        "workspace",
        "workspace_dormant",
        "prebuilt_workspace",
        "assign_role",
        "user_secret",
        "boundary_usage",
        "boundary_log",
        "ai_seat",
        "workspace_build_orchestration",
      ),
      ...allow(
        "workspace",
        ...WORKSPACE_ACTIONS.filter((a) => a !== "ssh" && a !== "application_connect"),
      ),
      ...allow("workspace_dormant", ...DORMANT_WORKSPACE_ACTIONS),
      ...allow("prebuilt_workspace", "update", "delete"),
    ],
  });

  const organizationMember = role({
    org: [
      ...allow("provisioner_daemon", "read"),
      ...allow("organization", "read"),
      ...allow("assign_org_role", "read"),
      ...(shareable === "none" ? [] : allow("organization_member", "read")),
      ...(shareable === "everyone" ? allow("group", "read") : []),
      ...(shareable === "none" ? deny("workspace", "share") : []),
    ],
    member: [
      ...allow("organization_member", "read"),
      ...allow("group_member", "read"),
      ...allow("aibridge_interception", "create", "update"),
      ...allActions("api_key"),
      ...allow("notification_message", "read", "update"),
      ...allActions("notification_preference"),
      ...allActions("inbox_notification"),
      ...(shareable === "everyone" ? [] : deny("workspace", "share")),
    ],
  });

  const organizationWorkspaceAccess = role({
    member: [
      ...allActions("workspace"),
      ...allow("workspace_dormant", ...DORMANT_WORKSPACE_ACTIONS),
      ...allow("file", "create", "read"),
      ...allow("provisioner_daemon", "create", "read"),
      ...allActions("task"),
    ],
  });

  const organizationAuditor = role({
    org: [
      ...allow("audit_log", "read"),
      ...allow("connection_log", "read"),
      ...allow("template", "read", "view_insights"),
      ...allow("group", "read"),
      ...allow("group_member", "read"),
      ...allow("organization", "read"),
      ...allow("organization_member", "read"),
    ],
  });

  const organizationUserAdmin = role({
    site: allow("user", "read"),
    org: [
      ...allow("assign_org_role", "assign", "unassign", "read"),
      ...allow("organization", "read"),
      ...allow("organization_member", "create", "read", "update", "delete"),
      ...allActions("group"),
      ...allow("group_member", "read"),
      ...allow("idpsync_settings", "read", "update"),
    ],
  });

  const organizationTemplateAdmin = role({
    org: [
      ...allActions("template"),
      ...allow("file", "create", "read"),
      ...allow("workspace", "read"),
      ...allow("workspace_dormant", "read"),
      ...allow("prebuilt_workspace", "update", "delete"),
      ...allow("organization", "read"),
      ...allow("organization_member", "read"),
      ...allow("group", "read"),
      ...allow("group_member", "read"),
      ...allow("provisioner_daemon", "create", "read", "update", "delete"),
      ...allow("provisioner_jobs", "create", "read", "update"),
    ],
  });

  const workspaceCreationBan = role({
    org: deny("workspace", "create", "delete", "create_agent", "delete_agent"),
  });

  const agentsAccess = role({
    member: allow("chat", "create", "read", "share", "update"),
  });

  return new Map([
    ["organization-admin", organizationAdmin],
    ["organization-member", organizationMember],
    ["organization-workspace-access", organizationWorkspaceAccess],
    ["organization-auditor", organizationAuditor],
    ["organization-user-admin", organizationUserAdmin],
    ["organization-template-admin", organizationTemplateAdmin],
    ["organization-workspace-creation-ban", workspaceCreationBan],
    ["agents-access", agentsAccess],
  ]);
}
