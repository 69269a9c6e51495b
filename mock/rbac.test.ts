// Expected answers (docs/test-facts.md, RBAC §4): the dashboard's checks (§4, §4.1) as Coder's
// authorizer answers them, the rest derived by hand from the §2 role tables and the §1.4 rules
// (the derivation is noted next to each row).
import { describe, expect, it, vi } from "vitest";
import { goQuote } from "./go-json.ts";
import {
  authorize,
  createRbac,
  evaluateAuthcheck,
  parseUuid,
  type RbacObjectWithAcl,
  type RbacSubject,
  type RbacSubjectWithGroups,
} from "./rbac.ts";
import {
  ORG_ROLE_NAMES,
  orgRoles,
  RESOURCE_ACTIONS,
  SITE_ROLE_NAMES,
  siteRoles,
} from "./rbac-roles.ts";

const ME = "5f0a6c3e-1b2d-4e8f-9a7b-0c1d2e3f4a5b";
const OTHER = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const ORG = "7c3b1a2e-4d5f-4e6a-8b9c-0d1e2f3a4b5c"; // the default org
const OTHER_ORG = "1e2d3c4b-5a69-4788-97a6-b5c4d3e2f1a0";
const GROUP = "3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819";
const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/** Column order of the spec's tables. */
const ROLES = ["member", "owner", "auditor", "user-admin", "template-admin"] as const;
type SeedRole = (typeof ROLES)[number];

/** A seeded user: the site role (plus the implicit member), a member of the default org only. */
function seeded(role: SeedRole): RbacSubject {
  return { id: ME, siteRoles: role === "member" ? [] : [role], orgs: [{ id: ORG, roles: [] }] };
}

/** "T-TT-" → answers in ROLES order, as the spec's T / – columns. */
function answers(row: string): Record<SeedRole, boolean> {
  if (!/^[T-]{5}$/.test(row)) throw new Error(`bad expectation ${row}`);
  return Object.fromEntries(ROLES.map((r, i) => [r, row[i] === "T"])) as Record<SeedRole, boolean>;
}

interface CheckBody {
  object: {
    resource_type: string;
    owner_id?: string;
    organization_id?: string;
    resource_id?: string;
    any_org?: boolean;
  };
  action: string;
}
type Row = [key: string, check: CheckBody, expected: string];

const notFound = () => undefined;

/** One check through the whole handler, as the dashboard would send it. */
function ask(subject: RbacSubjectWithGroups, check: CheckBody, rbac = { evaluateAuthcheck }) {
  const result = rbac.evaluateAuthcheck(subject, { checks: { k: check } }, notFound);
  if (result.status !== 200) throw new Error(`unexpected ${result.status}: ${result.body.message}`);
  return result.body.k;
}

const c = (
  resource_type: string,
  action: string,
  extra: Omit<CheckBody["object"], "resource_type"> = {},
) => ({
  object: { resource_type, ...extra },
  action,
});
const anyOrg = { any_org: true };
const inOrg = { organization_id: ORG };

// Expected columns, as in the spec: member, owner, auditor, user-admin, template-admin.

// §4: site/permissions.json, 38 keys.
const DASHBOARD: Row[] = [
  ["viewAllUsers", c("user", "read"), "-TTTT"],
  ["updateUsers", c("user", "update"), "-T-T-"],
  ["createUser", c("user", "create"), "-T-T-"],
  ["createTemplates", c("template", "create", anyOrg), "-T--T"],
  ["createWorkspace", c("workspace", "create", { any_org: true, owner_id: "me" }), "TTTTT"],
  ["updateTemplates", c("template", "update"), "-T--T"],
  ["deleteTemplates", c("template", "delete"), "-T--T"],
  ["viewDeploymentConfig", c("deployment_config", "read"), "-TT--"],
  ["editDeploymentConfig", c("deployment_config", "update"), "-T---"],
  ["viewDeploymentStats", c("deployment_stats", "read"), "-TT--"],
  ["readWorkspaceProxies", c("workspace_proxy", "read"), "TTTTT"],
  ["editWorkspaceProxies", c("workspace_proxy", "create"), "-T---"],
  ["createOrganization", c("organization", "create"), "-T---"],
  ["viewAnyGroup", c("group", "read"), "-TTTT"],
  ["createGroup", c("group", "create"), "-T-T-"],
  ["viewAllLicenses", c("license", "read"), "-T---"],
  ["viewNotificationTemplate", c("notification_template", "read"), "-T---"],
  ["viewOrganizationIDPSyncSettings", c("idpsync_settings", "read"), "-T-T-"],
  ["viewAnyMembers", c("organization_member", "read", anyOrg), "TTTTT"],
  ["editAnyGroups", c("group", "update", anyOrg), "-T-T-"],
  ["assignAnyRoles", c("assign_org_role", "assign", anyOrg), "-T-T-"],
  ["viewAnyIdpSyncSettings", c("idpsync_settings", "read", anyOrg), "-T-T-"],
  ["viewAnyMCPServerConfigs", c("mcp_server_config", "read", anyOrg), "-T---"],
  ["createAnyMCPServerConfig", c("mcp_server_config", "create", anyOrg), "-T---"],
  ["updateAnyMCPServerConfig", c("mcp_server_config", "update", anyOrg), "-T---"],
  ["deleteAnyMCPServerConfig", c("mcp_server_config", "delete", anyOrg), "-T---"],
  ["editAnySettings", c("organization", "update", anyOrg), "-T---"],
  ["viewAnyAuditLog", c("audit_log", "read", anyOrg), "-TT--"],
  ["viewAnyConnectionLog", c("connection_log", "read", anyOrg), "-TT--"],
  ["viewDebugInfo", c("debug_info", "read"), "-T---"],
  ["viewAnyAIBridgeInterception", c("aibridge_interception", "read", anyOrg), "-TT--"],
  ["viewAnyAIProvider", c("ai_provider", "read"), "-T---"],
  ["viewAIGatewayKeys", c("ai_gateway_key", "read"), "-T---"],
  ["createOAuth2App", c("oauth2_app", "create"), "-T---"],
  ["editOAuth2App", c("oauth2_app", "update"), "-T---"],
  ["deleteOAuth2App", c("oauth2_app", "delete"), "-T---"],
  ["viewOAuth2AppSecrets", c("oauth2_app_secret", "read"), "-T---"],
  ["createChat", c("chat", "create", { any_org: true, owner_id: "me" }), "-T---"],
];

// §4.1: per-org checks against the default org.
const PER_ORG: Row[] = [
  ["viewMembers", c("organization_member", "read", inOrg), "TTTTT"],
  ["editMembers", c("organization_member", "update", inOrg), "-T-T-"],
  ["createGroup", c("group", "create", inOrg), "-T-T-"],
  ["viewGroups", c("group", "read", inOrg), "TTTTT"],
  ["editGroups", c("group", "update", inOrg), "-T-T-"],
  ["editSettings", c("organization", "update", inOrg), "-T---"],
  ["assignOrgRoles", c("assign_org_role", "assign", inOrg), "-T-T-"],
  ["viewOrgRoles", c("assign_org_role", "read", inOrg), "TTTTT"],
  ["createOrgRoles", c("assign_org_role", "create", inOrg), "-T---"],
  ["updateOrgRoles", c("assign_org_role", "update", inOrg), "-T---"],
  ["deleteOrgRoles", c("assign_org_role", "delete", inOrg), "-T---"],
  ["viewProvisioners", c("provisioner_daemon", "read", inOrg), "TTTTT"],
  ["viewProvisionerJobs", c("provisioner_jobs", "read", inOrg), "-T---"],
  ["viewIdpSyncSettings", c("idpsync_settings", "read", inOrg), "-T-T-"],
  ["editIdpSyncSettings", c("idpsync_settings", "update", inOrg), "-T-T-"],
  ["viewMCPServerConfig", c("mcp_server_config", "read", inOrg), "-T---"],
  ["createMCPServerConfig", c("mcp_server_config", "create", inOrg), "-T---"],
  ["updateMCPServerConfig", c("mcp_server_config", "update", inOrg), "-T---"],
  ["deleteMCPServerConfig", c("mcp_server_config", "delete", inOrg), "-T---"],
  ["createWorkspaceForUserID(self)", c("workspace", "create", { ...inOrg, owner_id: ME }), "TTTTT"],
  [
    "createWorkspaceForUserID(other)",
    c("workspace", "create", { ...inOrg, owner_id: OTHER }),
    "-T---",
  ],
];

// Checks this product cares about, derived from §2.1 (site roles), §2.2 (org roles) and §1.4.
const PRODUCT: Row[] = [
  // member U: user read, read_personal, update_personal on itself (owner = caller, no org).
  ["user read self", c("user", "read", { owner_id: "me" }), "TTTTT"],
  ["user read other", c("user", "read", { owner_id: OTHER }), "-TTTT"],
  ["user update self", c("user", "update", { owner_id: "me" }), "-T-T-"],
  ["user update other", c("user", "update", { owner_id: OTHER }), "-T-T-"],
  ["user update_personal self", c("user", "update_personal", { owner_id: "me" }), "TTTTT"],
  ["user update_personal other", c("user", "update_personal", { owner_id: OTHER }), "-T-T-"],
  ["user read_personal self", c("user", "read_personal", { owner_id: "me" }), "TTTTT"],
  ["user read_personal other", c("user", "read_personal", { owner_id: OTHER }), "-T-T-"],
  ["user delete other", c("user", "delete", { owner_id: OTHER }), "-T-T-"],
  // The user level switches off once an org is named, even for "me".
  [
    "user update_personal self in org",
    c("user", "update_personal", { owner_id: "me", ...inOrg }),
    "-T-T-",
  ],
  // member S: assign_role read; user-admin S: assign, unassign, read.
  ["assign_role read", c("assign_role", "read"), "TTTTT"],
  ["assign_role assign", c("assign_role", "assign"), "-T-T-"],
  ["assign_role unassign", c("assign_role", "unassign"), "-T-T-"],
  // member U `*` covers assign_role and deployment_config when owner_id is the caller (§1.4 quirk).
  ["assign_role assign owner me", c("assign_role", "assign", { owner_id: "me" }), "TTTTT"],
  ["deployment_config read", c("deployment_config", "read"), "-TT--"],
  ["deployment_config update", c("deployment_config", "update"), "-T---"],
  ["deployment_config read owner me", c("deployment_config", "read", { owner_id: "me" }), "TTTTT"],
  [
    "deployment_config update owner me",
    c("deployment_config", "update", { owner_id: "me" }),
    "TTTTT",
  ],
  ["audit_log read", c("audit_log", "read"), "-TT--"],
  ["audit_log read in org", c("audit_log", "read", inOrg), "-TT--"],
  ["template create any_org", c("template", "create", anyOrg), "-T--T"],
  ["template create, no org", c("template", "create"), "-T--T"],
  ["template read in org", c("template", "read", inOrg), "-TT-T"],
  [
    "workspace create owner me any_org",
    c("workspace", "create", { any_org: true, owner_id: "me" }),
    "TTTTT",
  ],
  // any_org without owner: only org-level votes, and no default role has workspace at O.
  ["workspace create any_org, no owner", c("workspace", "create", anyOrg), "-T---"],
  ["workspace read owner me in org", c("workspace", "read", { owner_id: "me", ...inOrg }), "TTTTT"],
  [
    "workspace read owner other in org",
    c("workspace", "read", { owner_id: OTHER, ...inOrg }),
    "-T--T",
  ],
  // member U excludes workspace, and org roles never help without an org.
  ["workspace read owner me, no org", c("workspace", "read", { owner_id: "me" }), "-T--T"],
  [
    "workspace create owner me in a foreign org",
    c("workspace", "create", { owner_id: "me", organization_id: OTHER_ORG }),
    "-T---",
  ],
  ["organization_member read in org", c("organization_member", "read", inOrg), "TTTTT"],
  ["organization_member read any_org", c("organization_member", "read", anyOrg), "TTTTT"],
  [
    "organization_member read in a foreign org",
    c("organization_member", "read", { organization_id: OTHER_ORG }),
    "-TTTT",
  ],
  ["organization_member create in org", c("organization_member", "create", inOrg), "-T-T-"],
  ["organization read in org", c("organization", "read", inOrg), "TTTTT"],
  ["api_key create owner me", c("api_key", "create", { owner_id: "me" }), "TTTTT"],
  ["api_key read owner other", c("api_key", "read", { owner_id: OTHER }), "-T---"],
  ["api_key delete owner me in org", c("api_key", "delete", { owner_id: "me", ...inOrg }), "TTTTT"],
  ["oauth2_app read", c("oauth2_app", "read"), "TTTTT"],
  ["license read", c("license", "read"), "-T---"],
];

function tableTests(name: string, rows: Row[]) {
  describe(name, () => {
    describe.each(ROLES)("%s", (role) => {
      it.each(rows)("%s", (_key, check, expected) => {
        expect(ask(seeded(role), check)).toBe(answers(expected)[role]);
      });

      it("answers the whole batch in one request", () => {
        const body = { checks: Object.fromEntries(rows.map(([key, check]) => [key, check])) };
        const want = Object.fromEntries(
          rows.map(([key, , expected]) => [key, answers(expected)[role]]),
        );
        expect(evaluateAuthcheck(seeded(role), body, notFound)).toEqual({
          status: 200,
          body: want,
        });
      });
    });
  });
}

tableTests("dashboard checks (§4)", DASHBOARD);
tableTests("per-org dashboard checks (§4.1)", PER_ORG);
tableTests("checks this product relies on", PRODUCT);

describe("§4 summary", () => {
  const body = { checks: Object.fromEntries(DASHBOARD.map(([key, check]) => [key, check])) };
  const truthy = (role: SeedRole) => {
    const result = evaluateAuthcheck(seeded(role), body, notFound);
    return Object.entries(result.body).flatMap(([k, v]) => (v === true ? [k] : []));
  };

  it("a plain member gets exactly createWorkspace, readWorkspaceProxies and viewAnyMembers", () => {
    expect(truthy("member").sort()).toEqual([
      "createWorkspace",
      "readWorkspaceProxies",
      "viewAnyMembers",
    ]);
  });

  it("an owner gets all 38", () => {
    expect(truthy("owner")).toHaveLength(38);
  });

  it("treats an explicit member role like the implicit one", () => {
    const explicit = { ...seeded("member"), siteRoles: ["member", "member"] };
    expect(evaluateAuthcheck(explicit, body, notFound)).toEqual(
      evaluateAuthcheck(seeded("member"), body, notFound),
    );
  });

  it("drops role names that are not built in, or built in at the other level", () => {
    const subject = {
      id: ME,
      siteRoles: ["owner2", "organization-admin"],
      orgs: [{ id: ORG, roles: ["owner", "Owner"] }],
    };
    expect(evaluateAuthcheck(subject, body, notFound)).toEqual(
      evaluateAuthcheck(seeded("member"), body, notFound),
    );
  });
});

describe("role tables", () => {
  it("know the 51 resource types and 18 actions of §3", () => {
    expect(RESOURCE_ACTIONS.size).toBe(51);
    expect(new Set([...RESOURCE_ACTIONS.values()].flat()).size).toBe(18);
    expect(RESOURCE_ACTIONS.get("user")).toEqual([
      "create",
      "delete",
      "read",
      "read_personal",
      "update",
      "update_personal",
    ]);
  });

  it("name every built-in role", () => {
    expect([...siteRoles().keys()].sort()).toEqual([...SITE_ROLE_NAMES].sort());
    expect([...orgRoles().keys()].sort()).toEqual([...ORG_ROLE_NAMES].sort());
  });
});

describe("owner is not all-powerful (§2)", () => {
  const owner = seeded("owner");
  it.each([
    c("boundary_usage", "read"),
    c("boundary_usage", "read", { owner_id: "me" }),
    c("ai_seat", "read"),
    c("ai_seat", "create", { owner_id: "me" }),
    c("boundary_log", "delete"),
    c("boundary_log", "delete", { owner_id: "me" }),
    ...["start", "ssh", "application_connect", "share"].flatMap((a) => [
      c("workspace_dormant", a),
      c("workspace_dormant", a, { owner_id: "me" }),
      c("workspace_dormant", a, { owner_id: "me", ...inOrg }),
    ]),
    c("user_secret", "read"),
    c("usage_event", "create"),
    c("ai_gateway_key", "update"),
    c("boundary_log", "create"),
    c("user_skill", "update"),
  ])("false: $object.resource_type $action $object", (check) => {
    expect(ask(owner, check)).toBe(false);
  });

  it.each([
    // member's U `*` (or boundary_log create) applies to the owner's own, org-less objects.
    c("user_secret", "read", { owner_id: "me" }),
    c("usage_event", "create", { owner_id: "me" }),
    c("ai_gateway_key", "update", { owner_id: "me" }),
    c("boundary_log", "create", { owner_id: "me" }),
    c("workspace_dormant", "read"),
    c("workspace_dormant", "stop"),
    c("boundary_log", "read"),
    c("ai_gateway_key", "delete"),
  ])("true: $object.resource_type $action $object", (check) => {
    expect(ask(owner, check)).toBe(true);
  });

  it("loses its own secrets again once an org is named", () => {
    expect(ask(owner, c("user_secret", "read", { owner_id: "me", ...inOrg }))).toBe(false);
  });
});

describe("types and actions are not validated (§1.2)", () => {
  it("a `*` action matches an unknown action", () => {
    expect(ask(seeded("owner"), c("template", "frobnicate"))).toBe(true);
    expect(ask(seeded("owner"), c("template", ""))).toBe(true);
  });

  it("listed actions do not", () => {
    expect(ask(seeded("owner"), c("workspace", "frobnicate"))).toBe(false);
    expect(ask(seeded("template-admin"), c("template", "frobnicate"))).toBe(false);
  });

  it("an unknown or wildcard type matches nothing", () => {
    expect(ask(seeded("owner"), c("frobnicate", "read"))).toBe(false);
    expect(ask(seeded("owner"), c("*", "read"))).toBe(false);
    expect(ask(seeded("member"), c("frobnicate", "read", { owner_id: "me" }))).toBe(false);
  });

  it('owner_id is only replaced when it is exactly "me"', () => {
    expect(ask(seeded("member"), c("deployment_config", "read", { owner_id: "Me" }))).toBe(false);
    expect(ask(seeded("member"), c("deployment_config", "read", { owner_id: ME }))).toBe(true);
  });
});

describe("any_org with organization_id", () => {
  it("is an authorizer error", () => {
    expect(
      authorize(seeded("owner"), "read", {
        type: "template",
        owner: "",
        orgOwner: ORG,
        anyOrg: true,
      }),
    ).toBe("error");
  });

  it("answers false with 200, even for an owner", () => {
    expect(
      ask(seeded("owner"), c("template", "read", { any_org: true, organization_id: ORG })),
    ).toBe(false);
    expect(
      ask(seeded("owner"), c("template", "read", { any_org: true, organization_id: "x" })),
    ).toBe(false);
  });

  it("accepts the nil UUID as no org", () => {
    expect(
      authorize(seeded("owner"), "read", {
        type: "template",
        owner: "",
        orgOwner: NIL_UUID,
        anyOrg: true,
      }),
    ).toBe(true);
    expect(
      ask(
        seeded("template-admin"),
        c("template", "create", { any_org: true, organization_id: NIL_UUID }),
      ),
    ).toBe(true);
  });
});

describe("org roles (§2.2)", () => {
  const withOrgRoles = (...roles: string[]): RbacSubject => ({
    id: ME,
    siteRoles: [],
    orgs: [{ id: ORG, roles }],
  });

  it("organization-template-admin only counts when the object names its org", () => {
    const s = withOrgRoles("organization-template-admin");
    expect(ask(s, c("template", "update"))).toBe(false);
    expect(ask(s, c("template", "update", inOrg))).toBe(true);
    expect(ask(s, c("template", "update", { organization_id: OTHER_ORG }))).toBe(false);
    expect(ask(s, c("template", "create", anyOrg))).toBe(true);
    expect(ask(s, c("provisioner_jobs", "read", inOrg))).toBe(true);
  });

  it("organization-admin has O `*` with exceptions, and S user read", () => {
    const s = withOrgRoles("organization-admin");
    expect(ask(s, c("license", "read"))).toBe(false);
    expect(ask(s, c("license", "read", inOrg))).toBe(true);
    expect(ask(s, c("user", "read"))).toBe(true);
    expect(ask(s, c("user", "update"))).toBe(false);
    expect(ask(s, c("workspace", "read", { owner_id: OTHER, ...inOrg }))).toBe(true);
    expect(ask(s, c("workspace", "ssh", { owner_id: OTHER, ...inOrg }))).toBe(false);
    expect(ask(s, c("assign_role", "assign", anyOrg))).toBe(false);
    expect(ask(s, c("user_secret", "read", { owner_id: OTHER, ...inOrg }))).toBe(false);
    expect(ask(s, c("organization", "update", anyOrg))).toBe(true);
  });

  it("organization-user-admin and organization-auditor", () => {
    expect(
      ask(withOrgRoles("organization-user-admin"), c("assign_org_role", "assign", anyOrg)),
    ).toBe(true);
    expect(ask(withOrgRoles("organization-user-admin"), c("user", "read"))).toBe(true);
    expect(ask(withOrgRoles("organization-user-admin"), c("group", "delete", inOrg))).toBe(true);
    expect(ask(withOrgRoles("organization-auditor"), c("audit_log", "read", anyOrg))).toBe(true);
    expect(ask(withOrgRoles("organization-auditor"), c("audit_log", "read"))).toBe(false);
  });

  it("a workspace-creation ban overrides org grants but not an owner's site grant", () => {
    const banned = withOrgRoles("organization-workspace-creation-ban");
    expect(ask(banned, c("workspace", "create", { owner_id: "me", ...inOrg }))).toBe(false);
    expect(ask(banned, c("workspace", "read", { owner_id: "me", ...inOrg }))).toBe(true);
    expect(ask(banned, c("workspace", "create", { owner_id: "me", any_org: true }))).toBe(false);
    const bannedAdmin = withOrgRoles("organization-admin", "organization-workspace-creation-ban");
    expect(ask(bannedAdmin, c("workspace", "create", { owner_id: OTHER, ...inOrg }))).toBe(false);
    const bannedOwner = { ...banned, siteRoles: ["owner"] };
    expect(ask(bannedOwner, c("workspace", "create", { owner_id: "me", ...inOrg }))).toBe(true);
  });

  it("any_org takes the best org: a ban in one org does not hide another", () => {
    const s: RbacSubject = {
      id: ME,
      siteRoles: [],
      orgs: [
        { id: ORG, roles: ["organization-workspace-creation-ban"] },
        { id: OTHER_ORG, roles: [] },
      ],
    };
    expect(ask(s, c("workspace", "create", { owner_id: "me", any_org: true }))).toBe(true);
  });

  it("agents-access lets a member create chats", () => {
    expect(
      ask(withOrgRoles("agents-access"), c("chat", "create", { any_org: true, owner_id: "me" })),
    ).toBe(true);
    expect(
      ask(withOrgRoles("agents-access"), c("chat", "delete", { owner_id: "me", any_org: true })),
    ).toBe(false);
  });

  it("without memberships only site permissions count", () => {
    const loner: RbacSubject = { id: ME, siteRoles: [], orgs: [] };
    expect(ask(loner, c("workspace", "create", { owner_id: "me", any_org: true }))).toBe(false);
    expect(ask(loner, c("organization_member", "read", anyOrg))).toBe(false);
    expect(ask(loner, c("workspace_proxy", "read"))).toBe(true);
    const ownerNoOrg: RbacSubject = { id: ME, siteRoles: ["owner"], orgs: [] };
    expect(ask(ownerNoOrg, c("workspace", "create", { owner_id: "me", any_org: true }))).toBe(true);
    expect(ask(ownerNoOrg, c("group", "update", inOrg))).toBe(true);
  });
});

describe("deployment options (§1.5)", () => {
  it("CODER_DISABLE_OWNER_WORKSPACE_ACCESS drops ssh and application_connect", () => {
    const rbac = createRbac({ disableOwnerWorkspaceAccess: true });
    expect(ask(seeded("owner"), c("workspace", "ssh"), rbac)).toBe(false);
    expect(ask(seeded("owner"), c("workspace", "application_connect"), rbac)).toBe(false);
    expect(ask(seeded("owner"), c("workspace", "read"), rbac)).toBe(true);
    expect(ask(seeded("owner"), c("workspace", "ssh"))).toBe(true);
  });

  it("CODER_DISABLE_WORKSPACE_SHARING denies sharing to everyone, owner included", () => {
    const rbac = createRbac({ disableWorkspaceSharing: true });
    const mine = c("workspace", "share", { owner_id: "me", ...inOrg });
    expect(ask(seeded("owner"), c("workspace", "share"), rbac)).toBe(false);
    expect(ask(seeded("member"), mine, rbac)).toBe(false);
    expect(ask(seeded("member"), mine)).toBe(true);
  });

  it("CODER_DISABLE_CHAT_SHARING denies chat sharing", () => {
    const rbac = createRbac({ disableChatSharing: true });
    expect(ask(seeded("owner"), c("chat", "share"), rbac)).toBe(false);
    expect(ask(seeded("owner"), c("chat", "read"), rbac)).toBe(true);
  });

  describe("shareable_workspace_owners", () => {
    const viewAnyMembers = c("organization_member", "read", anyOrg);
    const viewGroups = c("group", "read", inOrg);
    const shareMine = c("workspace", "share", { owner_id: "me", ...inOrg });
    const mode = (m: "everyone" | "service_accounts" | "none") =>
      createRbac({
        orgSettings: (id) => (id === ORG ? { shareableWorkspaceOwners: m } : undefined),
      });

    it.each([
      ["everyone", true, true, true],
      ["service_accounts", true, false, false],
      ["none", false, false, false],
    ] as const)(
      "%s: viewAnyMembers %s, viewGroups %s, share own workspace %s",
      (m, members, groups, share) => {
        const rbac = mode(m);
        expect(ask(seeded("member"), viewAnyMembers, rbac)).toBe(members);
        expect(ask(seeded("member"), viewGroups, rbac)).toBe(groups);
        expect(ask(seeded("member"), shareMine, rbac)).toBe(share);
      },
    );

    it("none: the org-level share denial beats organization-admin but not owner", () => {
      const rbac = mode("none");
      const theirs = c("workspace", "share", { owner_id: OTHER, ...inOrg });
      expect(
        ask(
          { id: ME, siteRoles: [], orgs: [{ id: ORG, roles: ["organization-admin"] }] },
          theirs,
          rbac,
        ),
      ).toBe(false);
      expect(
        ask({ id: ME, siteRoles: [], orgs: [{ id: ORG, roles: ["organization-admin"] }] }, theirs),
      ).toBe(true);
      expect(ask(seeded("owner"), theirs, rbac)).toBe(true);
    });
  });

  it("an org without default member roles gives no workspace access", () => {
    const rbac = createRbac({ orgSettings: () => ({ defaultMemberRoles: [] }) });
    expect(
      ask(seeded("member"), c("workspace", "create", { any_org: true, owner_id: "me" }), rbac),
    ).toBe(false);
  });
});

describe("resource_id (§1.7)", () => {
  const userRow = (id: string): RbacObjectWithAcl => ({
    type: "user",
    owner: id,
    orgOwner: "",
    anyOrg: false,
  });
  const TEMPLATE = "0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9";
  const WORKSPACE = "e9d8c7b6-a594-4382-9170-6f5e4d3c2b1a";

  function lookupFrom(rows: Record<string, RbacObjectWithAcl>) {
    return (_type: string, id: string) => rows[id];
  }
  function askRow(
    subject: RbacSubjectWithGroups,
    type: string,
    id: string,
    action: string,
    row: RbacObjectWithAcl | undefined,
    rbac = { evaluateAuthcheck },
  ) {
    const result = rbac.evaluateAuthcheck(
      subject,
      { checks: { k: { object: { resource_type: type, resource_id: id }, action } } },
      () => row,
    );
    if (result.status !== 200) throw new Error(result.body.message);
    return result.body.k;
  }

  it("users: rebuilt from the row, which the caller must be able to read", () => {
    const lookup = lookupFrom({ [ME]: userRow(ME), [OTHER]: userRow(OTHER) });
    const check = (subject: RbacSubject, id: string, action: string) =>
      askRow(subject, "user", id, action, lookup("user", id));
    expect(check(seeded("member"), ME, "read")).toBe(true);
    expect(check(seeded("member"), ME, "update_personal")).toBe(true);
    expect(check(seeded("member"), ME, "update")).toBe(false);
    expect(check(seeded("member"), OTHER, "read")).toBe(false);
    expect(check(seeded("user-admin"), OTHER, "update")).toBe(true);
    expect(check(seeded("auditor"), OTHER, "read")).toBe(true);
    expect(check(seeded("auditor"), OTHER, "update")).toBe(false);
  });

  it("ignores owner_id, organization_id and any_org once a row is loaded", () => {
    const body = {
      checks: {
        k: {
          object: {
            resource_type: "user",
            resource_id: OTHER,
            owner_id: "me",
            any_org: true,
            organization_id: ORG,
          },
          action: "read",
        },
      },
    };
    expect(evaluateAuthcheck(seeded("user-admin"), body, () => userRow(OTHER))).toEqual({
      status: 200,
      body: { k: true },
    });
  });

  it("a missing row is false, even for an owner", () => {
    expect(askRow(seeded("owner"), "user", OTHER, "read", undefined)).toBe(false);
  });

  it("templates: the Everyone group ACL lets members read and use", () => {
    const template: RbacObjectWithAcl = {
      type: "template",
      owner: "",
      orgOwner: ORG,
      anyOrg: false,
      aclGroupList: { [ORG]: ["read", "use"] },
    };
    const bare: RbacObjectWithAcl = { type: "template", owner: "", orgOwner: ORG, anyOrg: false };
    expect(askRow(seeded("member"), "template", TEMPLATE, "read", template)).toBe(true);
    expect(askRow(seeded("member"), "template", TEMPLATE, "use", template)).toBe(true);
    expect(askRow(seeded("member"), "template", TEMPLATE, "update", template)).toBe(false);
    expect(askRow(seeded("member"), "template", TEMPLATE, "read", bare)).toBe(false);
    expect(askRow(seeded("template-admin"), "template", TEMPLATE, "update", bare)).toBe(true);
    // ACLs need membership of the object's org.
    const outsider: RbacSubject = { id: ME, siteRoles: [], orgs: [{ id: OTHER_ORG, roles: [] }] };
    expect(askRow(outsider, "template", TEMPLATE, "read", template)).toBe(false);
  });

  it("workspaces: user ACLs, and dormant rows use workspace_dormant", () => {
    const shared: RbacObjectWithAcl = {
      type: "workspace",
      owner: OTHER,
      orgOwner: ORG,
      anyOrg: false,
      aclUserList: { [ME]: ["read", "ssh"] },
    };
    expect(askRow(seeded("member"), "workspace", WORKSPACE, "ssh", shared)).toBe(true);
    expect(askRow(seeded("member"), "workspace", WORKSPACE, "update", shared)).toBe(false);
    const dormant: RbacObjectWithAcl = {
      type: "workspace_dormant",
      owner: ME,
      orgOwner: ORG,
      anyOrg: false,
    };
    expect(askRow(seeded("member"), "workspace", WORKSPACE, "read", dormant)).toBe(true);
    expect(askRow(seeded("member"), "workspace", WORKSPACE, "ssh", dormant)).toBe(false);
    expect(askRow(seeded("owner"), "workspace", WORKSPACE, "ssh", dormant)).toBe(false);
  });

  it("a row the caller cannot read answers false, whatever the action", () => {
    const sshOnly: RbacObjectWithAcl = {
      type: "workspace",
      owner: OTHER,
      orgOwner: ORG,
      anyOrg: false,
      aclUserList: { [ME]: ["ssh"] },
    };
    expect(authorize(seeded("member"), "ssh", sshOnly)).toBe(true);
    expect(askRow(seeded("member"), "workspace", WORKSPACE, "ssh", sshOnly)).toBe(false);
  });

  it("a site-level denial does not block an ACL grant", () => {
    const rbac = createRbac({ disableWorkspaceSharing: true });
    const shared: RbacObjectWithAcl = {
      type: "workspace",
      owner: OTHER,
      orgOwner: ORG,
      anyOrg: false,
      aclUserList: { [ME]: ["read", "share"] },
    };
    expect(askRow(seeded("member"), "workspace", WORKSPACE, "share", shared, rbac)).toBe(true);
  });

  it("groups: the group ACL counts for the subject's groups", () => {
    const rbac = createRbac({ orgSettings: () => ({ shareableWorkspaceOwners: "none" }) });
    const group: RbacObjectWithAcl = {
      type: "group",
      owner: "",
      orgOwner: ORG,
      anyOrg: false,
      aclGroupList: { [GROUP]: ["read"] },
    };
    expect(
      askRow({ ...seeded("member"), groups: [GROUP] }, "group", GROUP, "read", group, rbac),
    ).toBe(true);
    expect(askRow(seeded("member"), "group", GROUP, "read", group, rbac)).toBe(false);
    expect(askRow(seeded("member"), "group", GROUP, "read", group)).toBe(true);
  });

  it("ACL lists are read as own properties only", () => {
    const row: RbacObjectWithAcl = {
      type: "template",
      owner: "",
      orgOwner: ORG,
      anyOrg: false,
      aclUserList: {},
    };
    expect(authorize({ ...seeded("member"), id: "constructor" }, "read", row)).toBe(false);
  });

  it("hands the lookup the canonical UUID, whatever form the request used", () => {
    const lookup = vi.fn(() => userRow(ME));
    const forms = [
      ME.toUpperCase(),
      `{${ME}}`,
      `urn:uuid:${ME}`,
      `URN:UUID:${ME}`,
      ME.replaceAll("-", ""),
    ];
    const body = {
      checks: Object.fromEntries(
        forms.map((id, i) => [
          `k${i}`,
          { object: { resource_type: "user", resource_id: id }, action: "read" },
        ]),
      ),
    };
    const result = evaluateAuthcheck(seeded("member"), body, lookup);
    expect(result).toEqual({
      status: 200,
      body: { k0: true, k1: true, k2: true, k3: true, k4: true },
    });
    expect(lookup.mock.calls).toEqual(forms.map(() => ["user", ME]));
  });
});

describe("handler errors (§1.8)", () => {
  const userCheck = (extra: Record<string, unknown> = {}) => ({
    object: { resource_type: "user", ...extra },
    action: "read",
  });
  const run = (
    checks: Record<string, unknown>,
    subject: RbacSubject = seeded("owner"),
    lookup = notFound,
  ) => evaluateAuthcheck(subject, { checks }, lookup);

  describe("resource_id count", () => {
    const withIds = (n: number, extra: Record<string, unknown> = {}) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`c${i}`, userCheck({ resource_id: ME, ...extra })]),
      );

    it("allows 10", () => {
      expect(run(withIds(10)).status).toBe(200);
    });

    it.each([
      [11, 1],
      [12, 2],
    ])("rejects %i with the exact message", (n, excess) => {
      expect(run(withIds(n))).toEqual({
        status: 400,
        body: {
          message: `Endpoint only supports using "resource_id" field 10 times, found ${n} usages. Remove ${excess} objects with this field set.`,
        },
      });
    });

    it("counts before any other check, and never looks anything up", () => {
      const lookup = vi.fn(notFound);
      const checks = {
        ...withIds(11, { resource_id: "not-a-uuid", resource_type: "organization" }),
        bad: { object: {}, action: "read" },
      };
      const result = run(checks, seeded("owner"), lookup);
      expect(result.body.message).toBe(
        'Endpoint only supports using "resource_id" field 10 times, found 11 usages. Remove 1 objects with this field set.',
      );
      expect(lookup).not.toHaveBeenCalled();
    });

    it("does not count empty resource_ids", () => {
      expect(
        run({
          ...withIds(10),
          ...Object.fromEntries(
            Array.from({ length: 5 }, (_, i) => [`e${i}`, userCheck({ resource_id: "" })]),
          ),
        }).status,
      ).toBe(200);
    });
  });

  describe("resource_type", () => {
    it.each([
      ["missing", { object: { owner_id: "me" }, action: "read" }],
      ["empty", { object: { resource_type: "" }, action: "read" }],
      ["null", { object: { resource_type: null }, action: "read" }],
      ["object missing", { action: "read" }],
      ["object null", { object: null, action: "read" }],
      ["check null", null],
    ])("%s → 400", (_name, check) => {
      expect(run({ viewAllUsers: check })).toEqual({
        status: 400,
        body: {
          message: 'Object\'s "resource_type" field must be defined for key "viewAllUsers".',
        },
      });
    });

    it.each([
      ['a"b\\c', '"a\\"b\\\\c"'],
      ["tab\tnew\nline", '"tab\\tnew\\nline"'],
      ["bell\u0007del\u007fnul\u0000", '"bell\\adel\\x7fnul\\x00"'],
      ["zero\u200bwidth", '"zero\\u200bwidth"'],
      ["nbsp\u00a0", '"nbsp\\u00a0"'],
      ["café 🚀", '"café 🚀"'],
      ["lone \ud800", '"lone \ufffd"'],
      ["", '""'],
    ])("quotes the key %j Go-style", (key, quoted) => {
      expect(run({ [key]: { object: {}, action: "read" } }).body.message).toBe(
        `Object's "resource_type" field must be defined for key ${quoted}.`,
      );
    });

    it("is checked before resource_id on the same key", () => {
      expect(run({ k: { object: { resource_id: "nope" }, action: "read" } }).body.message).toBe(
        'Object\'s "resource_type" field must be defined for key "k".',
      );
    });

    it("wins over answers already computed for other keys", () => {
      expect(run({ fine: userCheck(), bad: { object: {}, action: "read" } }).status).toBe(400);
    });
  });

  describe("resource_id validity", () => {
    it.each([
      ["abc", "invalid UUID length: 3"],
      ["5f0a6c3e_1b2d_4e8f_9a7b_0c1d2e3f4a5b", "invalid UUID format"],
      ["5f0a6c3e-1b2d-4e8f-9a7b-0c1d2e3f4a5g", "invalid UUID format"],
      ["5f0a6c3e1b2d4e8f9a7b0c1d2e3f4a5z", "invalid UUID format"],
      [`urx:uuid:${ME}`, 'invalid urn prefix: "urx:uuid:"'],
      ["me", "invalid UUID length: 2"],
    ])("%j → 400 with the parser's reason", (id, detail) => {
      expect(run({ k: userCheck({ resource_id: id }) })).toEqual({
        status: 400,
        body: {
          message: `Object "${id}" id is not a valid uuid.`,
          validations: [{ field: "resource_id", detail }],
        },
      });
    });

    it("quotes the id in the message", () => {
      expect(run({ k: userCheck({ resource_id: 'a"b' }) }).body.message).toBe(
        'Object "a\\"b" id is not a valid uuid.',
      );
    });

    it("is checked before the type's support for resource_id", () => {
      expect(
        run({
          k: { object: { resource_type: "organization", resource_id: "abc" }, action: "read" },
        }).body.message,
      ).toBe('Object "abc" id is not a valid uuid.');
    });
  });

  describe("types without resource_id support", () => {
    it.each(["organization", "deployment_config", "workspace_dormant", "frobnicate"])(
      "%s → 400",
      (type) => {
        const message = `Object type "${type}" does not support "resource_id" field.`;
        expect(
          run({ k: { object: { resource_type: type, resource_id: ME }, action: "read" } }),
        ).toEqual({
          status: 400,
          body: { message, validations: [{ field: "resource_type", detail: message }] },
        });
      },
    );

    it.each(["workspace", "template", "user", "group"])("%s is supported", (type) => {
      expect(
        run({ k: { object: { resource_type: type, resource_id: ME }, action: "read" } }),
      ).toEqual({
        status: 200,
        body: { k: false },
      });
    });
  });

  it("any_org with organization_id, unknown types and unknown actions are answers, not errors", () => {
    expect(
      run({
        both: {
          object: { resource_type: "template", any_org: true, organization_id: ORG },
          action: "read",
        },
        type: { object: { resource_type: "nope" }, action: "read" },
        action: { object: { resource_type: "template" }, action: "nope" },
      }),
    ).toEqual({ status: 200, body: { both: false, type: false, action: true } });
  });

  it("500 when evaluation itself fails", () => {
    const result = run({ k: userCheck({ resource_id: ME }) }, seeded("owner"), () => {
      throw new Error("boom");
    });
    expect(result).toEqual({
      status: 500,
      body: { message: "An internal server error occurred.", detail: "boom" },
    });
  });
});

describe("body shapes, decoded the way Go's encoding/json would", () => {
  const member = seeded("member");
  const invalid = (detail: string) => ({
    status: 400,
    body: { message: "Request body must be valid JSON.", detail },
  });

  it.each([
    ["null", null],
    ["{}", {}],
    ["checks null", { checks: null }],
    ["checks {}", { checks: {} }],
    ["unknown fields only", { foo: 1, check: {} }],
  ])("%s → 200 {}", (_name, body) => {
    expect(evaluateAuthcheck(member, body, notFound)).toEqual({ status: 200, body: {} });
  });

  it("matches field names case-insensitively and ignores unknown fields", () => {
    const body = {
      CHECKS: {
        k: {
          Object: { Resource_Type: "user", OWNER_ID: "me", extra: true },
          ACTION: "read",
          x: [],
        },
      },
      more: "ignored",
    };
    expect(evaluateAuthcheck(member, body, notFound)).toEqual({ status: 200, body: { k: true } });
  });

  it("folds the long s like Go does", () => {
    const body = {
      checks: { k: { object: { re\u017fource_type: "user", owner_id: "me" }, action: "read" } },
    };
    expect(evaluateAuthcheck(member, body, notFound)).toEqual({ status: 200, body: { k: true } });
  });

  it("merges differently-cased duplicate fields; null leaves a value alone", () => {
    const body = {
      checks: {
        k: {
          object: { resource_type: "user" },
          Object: { owner_id: "me", Resource_type: null },
          action: "read",
        },
      },
    };
    expect(evaluateAuthcheck(member, body, notFound)).toEqual({ status: 200, body: { k: true } });
  });

  it("keeps a __proto__ key", () => {
    const body = JSON.parse(
      '{"checks":{"__proto__":{"object":{"resource_type":"workspace_proxy"},"action":"read"}}}',
    );
    const result = evaluateAuthcheck(member, body, notFound);
    expect(result.status).toBe(200);
    expect(Object.hasOwn(result.body, "__proto__")).toBe(true);
    expect(JSON.stringify(result.body)).toBe('{"__proto__":true}');
  });

  it("an absent body is EOF", () => {
    expect(evaluateAuthcheck(member, undefined, notFound)).toEqual(invalid("EOF"));
  });

  it.each([
    [[], "json: cannot unmarshal array into Go value of type codersdk.AuthorizationRequest"],
    ["x", "json: cannot unmarshal string into Go value of type codersdk.AuthorizationRequest"],
    [1, "json: cannot unmarshal number into Go value of type codersdk.AuthorizationRequest"],
    [true, "json: cannot unmarshal bool into Go value of type codersdk.AuthorizationRequest"],
    [
      { checks: [] },
      "json: cannot unmarshal array into Go struct field AuthorizationRequest.checks of type map[string]codersdk.AuthorizationCheck",
    ],
    [
      { checks: { k: "read" } },
      "json: cannot unmarshal string into Go struct field AuthorizationRequest.checks of type codersdk.AuthorizationCheck",
    ],
    [
      { checks: { k: { object: "user" } } },
      "json: cannot unmarshal string into Go struct field AuthorizationCheck.checks.object of type codersdk.AuthorizationObject",
    ],
    [
      { checks: { k: { object: { resource_type: 1 } } } },
      "json: cannot unmarshal number into Go struct field AuthorizationObject.checks.object.resource_type of type codersdk.RBACResource",
    ],
    [
      { checks: { k: { object: { resource_type: "user", any_org: "true" } } } },
      "json: cannot unmarshal string into Go struct field AuthorizationObject.checks.object.any_org of type bool",
    ],
    [
      { checks: { k: { object: { resource_type: "user" }, action: ["read"] } } },
      "json: cannot unmarshal array into Go struct field AuthorizationCheck.checks.action of type codersdk.RBACAction",
    ],
  ])("%j → 400 Request body must be valid JSON.", (body, detail) => {
    expect(evaluateAuthcheck(member, body, notFound)).toEqual(invalid(detail));
  });
});

describe("Go helpers", () => {
  it("goQuote escapes like strconv.Quote", () => {
    expect(goQuote("plain")).toBe('"plain"');
    expect(goQuote("\u{10ffff}")).toBe('"\\U0010ffff"');
    expect(goQuote("\u{1f600}")).toBe('"\u{1f600}"');
  });

  it("parseUuid accepts google/uuid's forms and ignores the braces themselves", () => {
    expect(parseUuid(`x${ME}y`)).toEqual({ ok: true, canonical: ME });
    expect(parseUuid("")).toEqual({ ok: false, error: "invalid UUID length: 0" });
    // Lengths are in bytes, like Go's.
    expect(parseUuid("é")).toEqual({ ok: false, error: "invalid UUID length: 2" });
  });
});
