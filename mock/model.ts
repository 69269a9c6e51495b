// The mock deployment's data: users, organizations and memberships, API keys (sessions), pending
// OAuth authorization codes and the mailbox. Handlers change it; reset() replaces it whole.
import { randomUUID } from "node:crypto";
import { goTimeJson } from "./go-json.ts";
import type { MockMail } from "./mailbox.ts";
import type { RbacObject, RbacSubject } from "./rbac.ts";
import {
  compareSecret,
  hashSecret,
  newSigningKey,
  randomAlnum,
  type SigningKey,
  sha256,
} from "./secrets.ts";
import {
  DEFAULT_ORG,
  type LoginType,
  ROLE_DISPLAY_NAMES,
  SEEDED_ACCOUNTS,
  SEEDED_AT,
  SEEDED_PASSWORD,
  type UserStatus,
} from "./seed.ts";

export interface MockUser {
  id: string;
  email: string;
  username: string;
  name: string;
  avatarUrl: string;
  loginType: LoginType;
  status: UserStatus;
  rbacRoles: string[];
  /** "" for accounts without a password (SSO, converted). */
  hashedPassword: string;
  hashedOneTimePasscode: string;
  oneTimePasscodeExpiresAt: number | undefined;
  createdAt: number;
  updatedAt: number;
  lastSeenAt: number;
  deleted: boolean;
  /** users/{user}/appearance: "" until the user chooses (the dashboard then uses its default). */
  appearance: UserAppearance;
}

interface UserAppearance {
  themePreference: string;
  themeMode: "" | "sync" | "single";
  themeLight: string;
  themeDark: string;
  terminalFont: string;
}

const NO_APPEARANCE: Readonly<UserAppearance> = {
  themePreference: "",
  themeMode: "",
  themeLight: "",
  themeDark: "",
  terminalFont: "",
};

interface Organization {
  id: string;
  name: string;
  displayName: string;
}

interface Membership {
  userId: string;
  orgId: string;
  /** Explicit org roles; organization-member and the org's default member roles are implicit. */
  roles: string[];
}

export interface ApiKey {
  /** The 10-character public half of the token. */
  id: string;
  hashedSecret: Buffer;
  userId: string;
  loginType: LoginType;
  lifetimeMs: number;
  expiresAt: number;
  lastUsed: number;
  createdAt: number;
}

interface OAuthCode {
  provider: "github" | "oidc";
  email: string;
  codeChallenge: string;
  expiresAt: number;
}

export interface MockState {
  users: Map<string, MockUser>;
  organizations: Map<string, Organization>;
  memberships: Membership[];
  apiKeys: Map<string, ApiKey>;
  oauthCodes: Map<string, OAuthCode>;
  mail: MockMail[];
  convertKey: SigningKey;
  /** A licence the deployment holds: only the trial the first user may start, in this mock. */
  license?: { trial: true; issuedAt: number };
}

/**
 * Who the deployment starts with: the seeded accounts, or nobody (a fresh deployment whose first
 * visitor creates the owner on /setup).
 */
export type SeedUsers = "seeded" | "none";

// Hashing the seeded password once per process keeps reset() cheap.
let seededHash: string | undefined;

export function seedState(start: SeedUsers = "seeded"): MockState {
  seededHash ??= hashSecret(SEEDED_PASSWORD);
  const accounts = start === "seeded" ? SEEDED_ACCOUNTS : [];
  const users = new Map<string, MockUser>();
  for (const account of accounts) {
    users.set(account.id, {
      id: account.id,
      email: account.email,
      username: account.username,
      name: account.name,
      avatarUrl: "",
      loginType: account.loginType,
      status: account.status,
      rbacRoles: [...account.roles],
      hashedPassword: account.loginType === "password" ? seededHash : "",
      hashedOneTimePasscode: "",
      oneTimePasscodeExpiresAt: undefined,
      createdAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
      lastSeenAt: SEEDED_AT,
      deleted: false,
      appearance: { ...NO_APPEARANCE },
    });
  }
  return {
    users,
    organizations: new Map([[DEFAULT_ORG.id, { ...DEFAULT_ORG }]]),
    memberships: accounts.map((a) => ({ userId: a.id, orgId: DEFAULT_ORG.id, roles: [] })),
    apiKeys: new Map(),
    oauthCodes: new Map(),
    mail: [],
    convertKey: newSigningKey(),
  };
}

/** GetUserByEmailOrUsername with an email: case-insensitive, deleted users excluded. */
export function findUserByEmail(state: MockState, email: string): MockUser | undefined {
  const wanted = email.toLowerCase();
  for (const user of state.users.values()) {
    if (!user.deleted && user.email.toLowerCase() === wanted) return user;
  }
  return undefined;
}

/** GetUserCount: deleted users don't count. */
export function userCount(state: MockState): number {
  let count = 0;
  for (const user of state.users.values()) if (!user.deleted) count++;
  return count;
}

/**
 * CreateUser as coderd runs it for the first user and for sign-ups: an active account in the
 * default organization, with `roles` as its explicit site roles.
 */
export function createUser(
  state: MockState,
  fields: {
    email: string;
    username: string;
    name: string;
    loginType: LoginType;
    hashedPassword: string;
    roles: string[];
  },
  nowMs: number,
): MockUser {
  const user: MockUser = {
    id: randomUUID(),
    email: fields.email,
    username: fields.username,
    name: fields.name,
    avatarUrl: "",
    loginType: fields.loginType,
    status: "active",
    rbacRoles: [...fields.roles],
    hashedPassword: fields.hashedPassword,
    hashedOneTimePasscode: "",
    oneTimePasscodeExpiresAt: undefined,
    createdAt: nowMs,
    updatedAt: nowMs,
    lastSeenAt: nowMs,
    deleted: false,
    appearance: { ...NO_APPEARANCE },
  };
  state.users.set(user.id, user);
  state.memberships.push({ userId: user.id, orgId: DEFAULT_ORG.id, roles: [] });
  return user;
}

export function findUserByUsername(state: MockState, username: string): MockUser | undefined {
  const wanted = username.toLowerCase();
  for (const user of state.users.values()) {
    if (!user.deleted && user.username.toLowerCase() === wanted) return user;
  }
  return undefined;
}

function organizationIds(state: MockState, userId: string): string[] {
  return state.memberships.filter((m) => m.userId === userId).map((m) => m.orgId);
}

export function rbacSubject(state: MockState, user: MockUser): RbacSubject {
  return {
    id: user.id,
    siteRoles: [...user.rbacRoles],
    orgs: state.memberships
      .filter((m) => m.userId === user.id)
      .map((m) => ({ id: m.orgId, roles: [...m.roles] })),
  };
}

/** What a `resource_id` resolves to; only users exist in this deployment. */
export function rbacResource(state: MockState, type: string, id: string): RbacObject | undefined {
  if (type !== "user") return undefined;
  const user = state.users.get(id);
  if (!user || user.deleted) return undefined;
  return userObject(user);
}

/** rbac.ResourceUserObject(id): a user is owned by itself, outside any organization. */
export function userObject(user: MockUser): RbacObject {
  return { type: "user", owner: user.id, orgOwner: "", anyOrg: false };
}

export function issueApiKey(
  state: MockState,
  user: MockUser,
  loginType: LoginType,
  nowMs: number,
  lifetimeMs: number,
): { token: string; key: ApiKey } {
  let id = randomAlnum(10);
  while (state.apiKeys.has(id)) id = randomAlnum(10);
  const secret = randomAlnum(22);
  const key: ApiKey = {
    id,
    hashedSecret: sha256(secret),
    userId: user.id,
    loginType,
    lifetimeMs,
    expiresAt: nowMs + lifetimeMs,
    lastUsed: nowMs,
    createdAt: nowMs,
  };
  state.apiKeys.set(id, key);
  return { token: `${id}-${secret}`, key };
}

export function deleteApiKeysOf(state: MockState, userId: string): void {
  for (const [id, key] of state.apiKeys) if (key.userId === userId) state.apiKeys.delete(id);
}

export function passwordMatches(user: MockUser | undefined, password: string): boolean {
  return compareSecret(user?.hashedPassword ?? "", password);
}

/** db2sdk.User: `roles` lists users.rbac_roles only (Coder leaves out "member" and org roles). */
export function userJson(state: MockState, user: MockUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    ...(user.name ? { name: user.name } : {}),
    ...(user.avatarUrl ? { avatar_url: user.avatarUrl } : {}),
    email: user.email,
    created_at: goTimeJson(user.createdAt),
    updated_at: goTimeJson(user.updatedAt),
    last_seen_at: goTimeJson(user.lastSeenAt),
    status: user.status,
    login_type: user.loginType,
    organization_ids: organizationIds(state, user.id),
    roles: user.rbacRoles.map((name) => ({
      name,
      display_name: ROLE_DISPLAY_NAMES[name] ?? name,
    })),
    has_ai_seat: false,
  };
}
