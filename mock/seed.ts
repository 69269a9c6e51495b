// The deployment every mock starts from (and returns to on reset). IDs are fixed so tests can
// name users; they are valid version-4 UUIDs like the ones Coder generates.

export type LoginType = "password" | "github" | "oidc" | "token" | "none";
export type UserStatus = "active" | "dormant" | "suspended";

export const SEEDED_PASSWORD = "SomeSecurePassword!";

export const DEFAULT_ORG = {
  id: "c0de0000-0000-4000-8000-00000000000a",
  name: "coder",
  displayName: "Coder",
} as const;

export const DEPLOYMENT_ID = "c0de0000-0000-4000-8000-00000000000d";
export const MOCK_VERSION = "v2.30.0-mock";

/** When the seeded accounts were "created". */
export const SEEDED_AT = Date.parse("2026-01-05T09:00:00Z");

export interface SeedAccount {
  id: string;
  email: string;
  username: string;
  name: string;
  loginType: LoginType;
  status: UserStatus;
  /** users.rbac_roles: explicit site roles ("member" is implicit for everyone). */
  roles: readonly string[];
  /** A description for people reading the terminal or the README. */
  role: string;
}

export const SEEDED_IDS = {
  admin: "c0de0000-0000-4000-8000-000000000001",
  member: "c0de0000-0000-4000-8000-000000000002",
  suspended: "c0de0000-0000-4000-8000-000000000003",
  auditor: "c0de0000-0000-4000-8000-000000000004",
  userAdmin: "c0de0000-0000-4000-8000-000000000005",
  templateAdmin: "c0de0000-0000-4000-8000-000000000006",
  github: "c0de0000-0000-4000-8000-000000000007",
  oidc: "c0de0000-0000-4000-8000-000000000008",
  suspendedSso: "c0de0000-0000-4000-8000-000000000009",
} as const;

export const SEEDED_ACCOUNTS: readonly SeedAccount[] = [
  {
    id: SEEDED_IDS.admin,
    email: "admin@coder.com",
    username: "admin",
    name: "Ada Admin",
    loginType: "password",
    status: "active",
    roles: ["owner"],
    role: "owner",
  },
  {
    id: SEEDED_IDS.member,
    email: "member@coder.com",
    username: "member",
    name: "Max Member",
    loginType: "password",
    status: "active",
    roles: [],
    role: "member",
  },
  {
    id: SEEDED_IDS.suspended,
    email: "suspended@coder.com",
    username: "suspended",
    name: "Sam Suspended",
    loginType: "password",
    status: "suspended",
    roles: [],
    role: "member, suspended",
  },
  {
    id: SEEDED_IDS.auditor,
    email: "auditor@coder.com",
    username: "auditor",
    name: "Audrey Auditor",
    loginType: "password",
    status: "active",
    roles: ["auditor"],
    role: "auditor",
  },
  {
    id: SEEDED_IDS.userAdmin,
    email: "user-admin@coder.com",
    username: "user-admin",
    name: "Uma User-Admin",
    loginType: "password",
    status: "active",
    roles: ["user-admin"],
    role: "user-admin",
  },
  {
    id: SEEDED_IDS.templateAdmin,
    email: "template-admin@coder.com",
    username: "template-admin",
    name: "Tom Template-Admin",
    loginType: "password",
    status: "active",
    roles: ["template-admin"],
    role: "template-admin",
  },
  {
    id: SEEDED_IDS.github,
    email: "github@coder.com",
    username: "github",
    name: "Gita GitHub",
    loginType: "github",
    status: "active",
    roles: [],
    role: "member, GitHub login, no password",
  },
  {
    id: SEEDED_IDS.oidc,
    email: "oidc@coder.com",
    username: "oidc",
    name: "Otto OIDC",
    loginType: "oidc",
    status: "active",
    roles: [],
    role: "member, OpenID Connect login, no password",
  },
  {
    id: SEEDED_IDS.suspendedSso,
    email: "suspended-sso@coder.com",
    username: "suspended-sso",
    name: "Sid Suspended",
    loginType: "github",
    status: "suspended",
    roles: [],
    role: "member, GitHub login, suspended",
  },
];

/** Identities the fake identity provider offers besides the seeded accounts' own emails. */
export const EXTRA_IDENTITIES: readonly string[] = [
  "new-person@coder.com",
  "someone-else@coder.com",
  "outsider@coder.com",
];

/** Display names of Coder's built-in site roles (SlimRole.display_name). */
export const ROLE_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  owner: "Owner",
  member: "Member",
  auditor: "Auditor",
  "user-admin": "User Admin",
  "template-admin": "Template Admin",
};

/** Lines for a terminal or README listing who can sign in. */
export function describeSeededAccounts(): string[] {
  const width = Math.max(...SEEDED_ACCOUNTS.map((a) => a.email.length));
  return SEEDED_ACCOUNTS.map((a) => {
    const password = a.loginType === "password" ? SEEDED_PASSWORD : "(no password)";
    return `${a.email.padEnd(width)}  ${password.padEnd(SEEDED_PASSWORD.length)}  ${a.role}`;
  });
}
