// What the signed-in user may do, asked of the server (`POST /authcheck`) instead of guessed from
// role names: custom roles, org roles and deployment options all change the answers, and only
// the server knows them.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { queryKeys } from "./keys.ts";
import { AuthorizationResponse } from "./schemas.ts";
import { meQuery } from "./session.ts";

interface AuthorizationObject {
  resource_type: string;
  /** `"me"` is replaced by the caller's id on the server, so a check needs no user id. */
  owner_id?: string;
  organization_id?: string;
  resource_id?: string;
  any_org?: boolean;
}

interface AuthorizationCheck {
  object: AuthorizationObject;
  action: string;
}

export type PermissionChecks = Readonly<Record<string, AuthorizationCheck>>;

export type Permissions<C extends PermissionChecks> = { readonly [K in keyof C]: boolean };

/**
 * The checks this app needs, asked together in one request.
 *
 * `manageUsers` decides who is told how single sign-on gets enabled (owners and user admins,
 * nobody else). Answers per built-in role, from docs/test-facts.md (RBAC §4) and the mock's evaluator:
 *
 * | check                                   | owner | user-admin | member | auditor | template-admin |
 * |-----------------------------------------|-------|------------|--------|---------|----------------|
 * | user / update (no owner) = updateUsers  |   T   |     T      |   –    |    –    |       –        |
 * | deployment_config / read                |   T   |     –      |   –    |    T    |       –        |
 * | deployment_config / update              |   T   |     –      |   –    |    –    |       –        |
 * | user / update_personal, owner me        |   T   |     T      |   T    |    T    |       T        |
 *
 * `manageDeployment` (deployment_config / update, owners only) decides who is told that the
 * deployment's Coder is outside the versions these pages were tested with.
 *
 * Neither deployment_config check separates the two groups; `user`/`update` alone does, and it
 * fits: the people who may change other accounts (login types included) are the ones to ask.
 * The object has no owner and no org on purpose: with `owner_id: "me"` every member would get
 * true through `member`'s user-level permissions.
 */
export const appPermissionChecks = {
  /** Change one's own password or login type. */
  updateOwnAccount: {
    object: { resource_type: "user", owner_id: "me" },
    action: "update_personal",
  },
  manageUsers: { object: { resource_type: "user" }, action: "update" },
  manageDeployment: { object: { resource_type: "deployment_config" }, action: "update" },
} as const satisfies PermissionChecks;

/** JSON with sorted object keys: the same set of checks gives the same cache key. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A named set of checks, answered in one request and cached per set under the `me` prefix (so
 * signing out drops it). A key the server leaves out of its answer counts as "no".
 */
export function permissionsQuery<C extends PermissionChecks = typeof appPermissionChecks>(
  checks: C = appPermissionChecks as PermissionChecks as C,
) {
  return queryOptions({
    queryKey: queryKeys.permissions(canonicalJson(checks)),
    queryFn: async ({ signal }): Promise<Permissions<C>> => {
      const answer = await apiRequest("/authcheck", {
        method: "POST",
        body: { checks },
        schema: AuthorizationResponse,
        signal,
      });
      return Object.fromEntries(
        Object.keys(checks).map((name) => [name, answer[name] === true]),
      ) as Permissions<C>;
    },
    staleTime: 60_000,
  });
}

/**
 * The app's permissions for the signed-in user. Asked only while someone is signed in: once the
 * session is forgotten the query waits instead of sending a request that can only be refused.
 */
export function usePermissions() {
  const signedIn = useQuery({ ...meQuery(), select: (user) => user !== null }).data === true;
  return useQuery({ ...permissionsQuery(), enabled: signedIn });
}
