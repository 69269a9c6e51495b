// The authorization model behind the mock's `POST /api/v2/authcheck`, following Coder's
// authorizer as docs/test-facts.md describes it (RBAC §1 evaluation, §2 roles).
// It answers the way a real deployment does for the built-in roles, quirks included
// (`member`'s user-level `*`, owner's gaps, any_org semantics), so the UI is never tested
// against a friendlier server than the real one.

import { goQuote, goQuoteBytes, goString, jsonKind } from "./go-json.ts";
import {
  DEFAULT_ORG_MEMBER_ROLES,
  orgRoles,
  type Permission,
  RESOURCE_ID_TYPES,
  type RoleOptions,
  type RolePermissions,
  type ShareableWorkspaceOwners,
  siteRoles,
  WILDCARD,
} from "./rbac-roles.ts";

export interface RbacSubject {
  id: string; // user UUID
  siteRoles: string[]; // from users.rbac_roles e.g. ["owner"]; "member" is added implicitly
  orgs: Array<{ id: string; roles: string[] }>; // explicit org roles per org membership; organization-member and the org's default member roles are added implicitly
}

export interface RbacObject {
  type: string;
  owner: string;
  orgOwner: string;
  anyOrg: boolean;
}

/** Group memberships only matter for group ACLs, i.e. for rows loaded through `resource_id`. */
export type RbacSubjectWithGroups = RbacSubject & { groups?: readonly string[] };

/** ACLs of a database row (§1.7); synthetic objects never carry them. */
interface RbacAcl {
  /** user ID → actions */
  aclUserList?: Readonly<Record<string, readonly string[]>>;
  /** group ID → actions; the org's own ID is its "Everyone" group */
  aclGroupList?: Readonly<Record<string, readonly string[]>>;
}

export type RbacObjectWithAcl = RbacObject & RbacAcl;

interface OrgRbacSettings {
  shareableWorkspaceOwners?: ShareableWorkspaceOwners;
  /** The org's `default_org_member_roles`; Coder's default is `["organization-workspace-access"]`. */
  defaultMemberRoles?: readonly string[];
}

export interface RbacOptions extends RoleOptions {
  /** Per-org settings, read on every evaluation; undefined means Coder's defaults. */
  orgSettings?: (orgId: string) => OrgRbacSettings | undefined;
}

export type AuthcheckResult =
  | { status: 200; body: Record<string, boolean> }
  | {
      status: 400 | 500;
      body: {
        message: string;
        detail?: string;
        validations?: Array<{ field: string; detail: string }>;
      };
    };

export type ResourceLookup = (type: string, id: string) => RbacObjectWithAcl | undefined;

export interface Rbac {
  authorize(
    subject: RbacSubjectWithGroups,
    action: string,
    object: RbacObjectWithAcl,
  ): boolean | "error";
  evaluateAuthcheck(
    subject: RbacSubjectWithGroups,
    body: unknown,
    lookupResource: ResourceLookup,
  ): AuthcheckResult;
}

const NIL_UUID = "00000000-0000-0000-0000-000000000000";
const MAX_RESOURCE_ID_CHECKS = 10;

type Vote = -1 | 0 | 1;

interface OrgPerms {
  org: Permission[];
  member: Permission[];
}

interface ExpandedSubject {
  site: Permission[];
  user: Permission[];
  orgs: Map<string, OrgPerms>;
}

/** §1.3: a negation beats any allow at the same level. */
function vote(perms: readonly Permission[], action: string, type: string): Vote {
  let allowed = false;
  for (const p of perms) {
    if (
      (p.type === type || p.type === WILDCARD) &&
      (p.action === action || p.action === WILDCARD)
    ) {
      if (p.negate) return -1;
      allowed = true;
    }
  }
  return allowed ? 1 : 0;
}

function maxVote(votes: Iterable<Vote>): Vote {
  let best: Vote = 0;
  let first = true;
  for (const v of votes) {
    if (first || v > best) best = v;
    first = false;
  }
  return best;
}

/** Builds an authorizer for one set of deployment options (§1.5). */
export function createRbac(options: RbacOptions = {}): Rbac {
  const sites = siteRoles(options);
  const orgRoleTables = new Map<ShareableWorkspaceOwners, ReadonlyMap<string, RolePermissions>>();
  const orgRoleTable = (mode: ShareableWorkspaceOwners) => {
    let table = orgRoleTables.get(mode);
    if (!table) {
      table = orgRoles(mode);
      orgRoleTables.set(mode, table);
    }
    return table;
  };

  // §1.1: roles are rebuilt per request; names that are not built in are silently dropped.
  function expand(subject: RbacSubject): ExpandedSubject {
    const site: Permission[] = [];
    const user: Permission[] = [];
    for (const name of new Set([...subject.siteRoles, "member"])) {
      const r = sites.get(name);
      if (!r) continue;
      site.push(...r.site);
      user.push(...r.user);
    }
    const orgs = new Map<string, OrgPerms>();
    for (const membership of subject.orgs) {
      // A real org ID is a UUID; "" would otherwise make org-less objects look org-owned.
      if (membership.id === "") continue;
      const settings = options.orgSettings?.(membership.id);
      const table = orgRoleTable(settings?.shareableWorkspaceOwners ?? "everyone");
      const names = new Set([
        "organization-member",
        ...(settings?.defaultMemberRoles ?? DEFAULT_ORG_MEMBER_ROLES),
        ...membership.roles,
      ]);
      let perms = orgs.get(membership.id);
      if (!perms) {
        perms = { org: [], member: [] };
        orgs.set(membership.id, perms);
      }
      for (const name of names) {
        const r = table.get(name);
        if (!r) continue;
        site.push(...r.site);
        user.push(...r.user);
        perms.org.push(...r.org);
        perms.member.push(...r.member);
      }
    }
    return { site, user, orgs };
  }

  // §1.4, exactly; no shortcuts such as "owner can do everything".
  function roleAllows(s: ExpandedSubject, subjectId: string, action: string, obj: RbacObject) {
    const site = vote(s.site, action, obj.type);
    if (site === 1) return true;
    if (site === -1) return false;

    const ownedBySubject = obj.owner !== "" && obj.owner === subjectId;
    if (ownedBySubject && obj.orgOwner === "" && !obj.anyOrg) {
      if (vote(s.user, action, obj.type) === 1) return true;
    }

    if (!obj.anyOrg) {
      const perms = s.orgs.get(obj.orgOwner);
      if (!perms) return false;
      const org = vote(perms.org, action, obj.type);
      if (org === 1) return true;
      return ownedBySubject && org !== -1 && vote(perms.member, action, obj.type) === 1;
    }

    const all = [...s.orgs.values()];
    const org = maxVote(all.map((p) => vote(p.org, action, obj.type)));
    if (org === 1) return true;
    const mem = ownedBySubject ? maxVote(all.map((p) => vote(p.member, action, obj.type))) : 0;
    return org !== -1 && mem === 1;
  }

  // §1.7: ORed with the role result, and not blocked by a site-level denial.
  function aclAllows(
    s: ExpandedSubject,
    subject: RbacSubjectWithGroups,
    action: string,
    obj: RbacObjectWithAcl,
  ) {
    if (!s.orgs.has(obj.orgOwner)) return false;
    const grants = (list: RbacAcl["aclUserList"], key: string) => {
      if (!list || !Object.hasOwn(list, key)) return false;
      const actions = list[key];
      return Array.isArray(actions) && (actions.includes(action) || actions.includes(WILDCARD));
    };
    return (
      grants(obj.aclUserList, subject.id) ||
      (subject.groups ?? []).some((g) => grants(obj.aclGroupList, g)) ||
      grants(obj.aclGroupList, obj.orgOwner)
    );
  }

  function authorize(
    subject: RbacSubjectWithGroups,
    action: string,
    object: RbacObjectWithAcl,
  ): boolean | "error" {
    // "any_org and org_id are mutually exclusive": an authorizer error, not a denial.
    if (object.anyOrg && object.orgOwner !== "" && object.orgOwner !== NIL_UUID) return "error";
    const s = expand(subject);
    return roleAllows(s, subject.id, action, object) || aclAllows(s, subject, action, object);
  }

  function evaluateAuthcheck(
    subject: RbacSubjectWithGroups,
    body: unknown,
    lookupResource: ResourceLookup,
  ): AuthcheckResult {
    const decoded = decodeAuthorizationRequest(body);
    if (typeof decoded === "string") {
      return {
        status: 400,
        body: { message: "Request body must be valid JSON.", detail: decoded },
      };
    }

    // Counted over all checks before any other validation.
    let idCount = 0;
    for (const check of decoded.values()) if (check.object.resourceId !== "") idCount++;
    if (idCount > MAX_RESOURCE_ID_CHECKS) {
      return badRequest(
        `Endpoint only supports using "resource_id" field ${MAX_RESOURCE_ID_CHECKS} times, found ${idCount} usages. Remove ${idCount - MAX_RESOURCE_ID_CHECKS} objects with this field set.`,
      );
    }

    try {
      const answers: Array<[string, boolean]> = [];
      // Coder walks a Go map (random order); request order is the deterministic stand-in.
      for (const [key, { object: o, action }] of decoded) {
        if (o.resourceType === "") {
          return badRequest(
            `Object's "resource_type" field must be defined for key ${goQuote(key)}.`,
          );
        }
        let object: RbacObjectWithAcl = {
          type: o.resourceType,
          owner: o.ownerId === "me" ? subject.id : o.ownerId,
          orgOwner: o.organizationId,
          anyOrg: o.anyOrg,
        };
        if (o.resourceId !== "") {
          const id = parseUuid(o.resourceId);
          if (!id.ok) {
            return badRequest(`Object ${goQuote(o.resourceId)} id is not a valid uuid.`, [
              { field: "resource_id", detail: id.error },
            ]);
          }
          if (!RESOURCE_ID_TYPES.has(o.resourceType)) {
            const message = `Object type ${goQuote(o.resourceType)} does not support "resource_id" field.`;
            return badRequest(message, [{ field: "resource_type", detail: message }]);
          }
          // The row is fetched as the caller: missing or unreadable both answer false.
          const row = lookupResource(o.resourceType, id.canonical);
          if (!row || authorize(subject, "read", row) !== true) {
            answers.push([key, false]);
            continue;
          }
          object = row;
        }
        answers.push([key, authorize(subject, action, object) === true]);
      }
      // fromEntries defines own properties, so a "__proto__" key survives.
      return { status: 200, body: Object.fromEntries(answers) };
    } catch (err) {
      return {
        status: 500,
        body: {
          message: "An internal server error occurred.",
          detail: err instanceof Error ? err.message : String(err),
        },
      };
    }
  }

  return { authorize, evaluateAuthcheck };
}

function badRequest(
  message: string,
  validations?: Array<{ field: string; detail: string }>,
): AuthcheckResult {
  return { status: 400, body: validations ? { message, validations } : { message } };
}

const defaultRbac = createRbac();

/** true/false, or "error" where Coder's authorizer errors (authcheck then reports false). */
export function authorize(
  subject: RbacSubjectWithGroups,
  action: string,
  object: RbacObjectWithAcl,
): boolean | "error" {
  return defaultRbac.authorize(subject, action, object);
}

/** The whole handler logic of POST /authcheck after the body has been parsed as JSON (parsing/413/400-bad-JSON and authentication are the caller's job).
 * lookupResource resolves a resource_id for types that support it (user, workspace, template, group) to an RbacObject, or undefined if not found.
 * It receives the canonical lowercase form of the UUID, whichever form the request used. */
export function evaluateAuthcheck(
  subject: RbacSubjectWithGroups,
  body: unknown,
  lookupResource: ResourceLookup,
): AuthcheckResult {
  return defaultRbac.evaluateAuthcheck(subject, body, lookupResource);
}

// ---------------------------------------------------------------------------------------------
// Decoding the parsed body the way Go's encoding/json fills `codersdk.AuthorizationRequest`:
// case-insensitive field names, unknown fields ignored, null leaves a value as it is (but empties
// a map), a value of the wrong JSON type is a decode error (400 "Request body must be valid JSON.").

interface CheckInput {
  object: {
    resourceType: string;
    ownerId: string;
    organizationId: string;
    resourceId: string;
    anyOrg: boolean;
  };
  action: string;
}

class GoTypeError extends Error {}

interface FieldContext {
  struct: string;
  path: string[];
}

function typeError(value: unknown, goType: string, ctx?: FieldContext): GoTypeError {
  const kind = jsonKind(value);
  return new GoTypeError(
    ctx
      ? `json: cannot unmarshal ${kind} into Go struct field ${ctx.struct}.${ctx.path.join(".")} of type ${goType}`
      : `json: cannot unmarshal ${kind} into Go value of type ${goType}`,
  );
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return jsonKind(value) === "object";
}

/**
 * Go's struct field matching folds case (exact match preferred, but all our names are distinct
 * lowercase ASCII, so folding alone decides). Go folds with Unicode simple case mapping, so the
 * long s, the Kelvin sign and the Turkish dotted/dotless i also match their ASCII letters.
 */
function foldFieldName(name: string): string {
  return name
    .replace(/\u017f/g, "s")
    .replace(/\u212a/g, "k")
    .replace(/[\u0130\u0131]/g, "i")
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function eachField(
  value: Record<string, unknown>,
  visit: (field: string, fieldValue: unknown) => void,
): void {
  for (const key of Object.keys(value)) visit(foldFieldName(key), value[key]);
}

function decodeString(value: unknown, goType: string, ctx: FieldContext, set: (s: string) => void) {
  if (value === null) return;
  if (typeof value !== "string") throw typeError(value, goType, ctx);
  set(goString(value));
}

function decodeObject(value: unknown, target: CheckInput["object"], path: string[]) {
  if (value === null) return;
  if (!isJsonObject(value)) {
    throw typeError(value, "codersdk.AuthorizationObject", { struct: "AuthorizationCheck", path });
  }
  eachField(value, (field, v) => {
    const ctx = { struct: "AuthorizationObject", path: [...path, field] };
    switch (field) {
      case "resource_type":
        return decodeString(v, "codersdk.RBACResource", ctx, (s) => {
          target.resourceType = s;
        });
      case "owner_id":
        return decodeString(v, "string", ctx, (s) => {
          target.ownerId = s;
        });
      case "organization_id":
        return decodeString(v, "string", ctx, (s) => {
          target.organizationId = s;
        });
      case "resource_id":
        return decodeString(v, "string", ctx, (s) => {
          target.resourceId = s;
        });
      case "any_org":
        if (v === null) return;
        if (typeof v !== "boolean") throw typeError(v, "bool", ctx);
        target.anyOrg = v;
        return;
    }
  });
}

function decodeCheck(value: unknown): CheckInput {
  const check: CheckInput = {
    object: { resourceType: "", ownerId: "", organizationId: "", resourceId: "", anyOrg: false },
    action: "",
  };
  if (value === null) return check;
  if (!isJsonObject(value)) {
    throw typeError(value, "codersdk.AuthorizationCheck", {
      struct: "AuthorizationRequest",
      path: ["checks"],
    });
  }
  eachField(value, (field, v) => {
    if (field === "object") decodeObject(v, check.object, ["checks", "object"]);
    if (field === "action") {
      decodeString(
        v,
        "codersdk.RBACAction",
        { struct: "AuthorizationCheck", path: ["checks", "action"] },
        (s) => {
          check.action = s;
        },
      );
    }
  });
  return check;
}

/** The checks in request order, or the Go decoder's error text. */
function decodeAuthorizationRequest(body: unknown): Map<string, CheckInput> | string {
  // An empty body never reaches JSON.parse; Go reports it as EOF.
  if (body === undefined) return "EOF";
  const checks = new Map<string, CheckInput>();
  try {
    if (body === null) return checks;
    if (!isJsonObject(body)) throw typeError(body, "codersdk.AuthorizationRequest");
    eachField(body, (field, value) => {
      if (field !== "checks") return;
      // null empties the map; a second "Checks" field adds to it, as Go reuses the map.
      if (value === null) return checks.clear();
      if (!isJsonObject(value)) {
        throw typeError(value, "map[string]codersdk.AuthorizationCheck", {
          struct: "AuthorizationRequest",
          path: ["checks"],
        });
      }
      for (const key of Object.keys(value)) {
        const goKey = goString(key);
        // Go replaces the whole entry when a key repeats; delete first so it moves to the end.
        checks.delete(goKey);
        checks.set(goKey, decodeCheck(value[key]));
      }
    });
  } catch (err) {
    if (err instanceof GoTypeError) return err.message;
    throw err;
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------
// Go's %q (strconv.Quote) and google/uuid's Parse, both byte-oriented like their originals.

const utf8 = new TextEncoder();

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** google/uuid Parse: the 36-char form, `urn:uuid:…`, `{…}` (braces not checked) and 32 hex digits. */
export function parseUuid(
  s: string,
): { ok: true; canonical: string } | { ok: false; error: string } {
  let b = utf8.encode(goString(s));
  const bytes: number[] = [];
  const pair = (at: number) => {
    const hi = hexValue(b[at]);
    const lo = hexValue(b[at + 1]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  };
  switch (b.length) {
    case 36:
      break;
    case 36 + 9: {
      const prefix = b.subarray(0, 9);
      // ASCII folding is exact here: no non-ASCII rune folds onto "urn:uuid:".
      const folded = Array.from(prefix, (c) => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c));
      if (String.fromCharCode(...folded) !== "urn:uuid:") {
        return { ok: false, error: `invalid urn prefix: ${goQuoteBytes(prefix)}` };
      }
      b = b.subarray(9);
      break;
    }
    case 36 + 2:
      b = b.subarray(1);
      break;
    case 32:
      for (let i = 0; i < 16; i++) {
        const v = pair(i * 2);
        if (v < 0) return { ok: false, error: "invalid UUID format" };
        bytes.push(v);
      }
      return { ok: true, canonical: formatUuid(bytes) };
    default:
      return { ok: false, error: `invalid UUID length: ${b.length}` };
  }
  if (b[8] !== 0x2d || b[13] !== 0x2d || b[18] !== 0x2d || b[23] !== 0x2d) {
    return { ok: false, error: "invalid UUID format" };
  }
  for (const at of [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]) {
    const v = pair(at);
    if (v < 0) return { ok: false, error: "invalid UUID format" };
    bytes.push(v);
  }
  return { ok: true, canonical: formatUuid(bytes) };
}

function formatUuid(bytes: number[]): string {
  const h = bytes.map((v) => hex(v, 2)).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
