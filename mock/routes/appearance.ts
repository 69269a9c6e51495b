// GET and PUT /api/v2/appearance: the deployment's branding (application name, logo, announcement
// banners) as Coder's enterprise handlers serve it (enterprise/coderd/appearance.go).
//
// Three deployments behave differently, chosen with `/__mock/config {"appearance": …}`:
// - "licensed": a premium licence with the Appearance feature; PUT stores, GET returns it.
// - "unlicensed": Coder's usual binary without a licence; the routes exist, PUT stores, but GET
//   answers the built-in defaults (the AGPL fetcher in coderd/appearance) until a licence arrives.
// - "agpl": a build without the enterprise code; the route does not exist at all (404).
import { lookupApiKey, requireAuth, tokenFromRequest } from "../auth.ts";
import { type AppearanceMode, type Ctx, error, json, now } from "../context.ts";
import { goQuote, jsonKind } from "../go-json.ts";
import { readJsonValue } from "../http-read.ts";
import { type MockState, type MockUser, rbacSubject } from "../model.ts";
import { authorize } from "../rbac.ts";
import { MOCK_VERSION } from "../seed.ts";

export const APPEARANCE_MODES: readonly AppearanceMode[] = ["licensed", "unlicensed", "agpl"];

interface Banner {
  enabled: boolean;
  message: string;
  background_color: string;
}

interface UpdateAppearance {
  application_name: string;
  logo_url: string;
  service_banner: Banner;
  /** null when the body had none (Go's nil slice); stored as []. */
  announcement_banners: Banner[] | null;
}

interface StoredAppearance {
  applicationName: string;
  logoUrl: string;
  /** undefined until the first PUT (the site_configs row does not exist yet). */
  banners: Banner[] | undefined;
}

// Kept beside the model rather than in it: reset() replaces the state object, which drops the
// entry here with it.
const stores = new WeakMap<MockState, StoredAppearance>();

function storeOf(state: MockState): StoredAppearance {
  let store = stores.get(state);
  if (!store) {
    store = { applicationName: "", logoUrl: "", banners: undefined };
    stores.set(state, store);
  }
  return store;
}

/** buildinfo.Version() without "-…" / "+…", as codersdk.DefaultDocsURL() puts it in the URL. */
const RELEASE = MOCK_VERSION.split("-")[0]?.split("+")[0] ?? MOCK_VERSION;
const DOCS_URL = `https://coder.com/docs/@${RELEASE}`;

/** codersdk.DefaultSupportLinks(docsURL): what every deployment without `--support-links` shows. */
const DEFAULT_SUPPORT_LINKS = [
  { name: "Documentation", target: DOCS_URL, icon: "docs" },
  {
    name: "Report a bug",
    target: `https://github.com/coder/coder/issues/new?labels=needs+triage&body=Version: [\`${MOCK_VERSION}\`](https://github.com/coder/coder/releases/tag/${RELEASE})`,
    icon: "bug",
  },
  {
    name: "Join the Coder Discord",
    target: "https://coder.com/chat?utm_source=coder&utm_medium=coder&utm_campaign=server-footer",
    icon: "chat",
  },
  { name: "Star the Repo", target: "https://github.com/coder/coder", icon: "star" },
] as const;

/** codersdk.BannerConfig: `message` and `background_color` are omitempty. */
function bannerJson(banner: Banner): Record<string, unknown> {
  return {
    enabled: banner.enabled,
    ...(banner.message ? { message: banner.message } : {}),
    ...(banner.background_color ? { background_color: banner.background_color } : {}),
  };
}

const ZERO_BANNER: Readonly<Banner> = { enabled: false, message: "", background_color: "" };

/** The route exists only in the enterprise build; a step so it answers before authentication. */
export function appearanceRouteExists(ctx: Ctx): Response | undefined {
  if (ctx.env.config.appearance !== "agpl") return undefined;
  return error(ctx, 404, { message: "Route not found." });
}

/**
 * apiKeyMiddlewareOptional: a missing, malformed, unknown or expired token just means "nobody";
 * a valid key of an account that is not active is refused (this middleware does not wake
 * dormant accounts, unlike the one on most routes).
 */
export function optionalAuth(ctx: Ctx): Response | undefined {
  const { state } = ctx.env;
  const found = lookupApiKey(state, tokenFromRequest(ctx.request, ctx.url));
  if (!found.ok || found.key.expiresAt < now(ctx)) return undefined;
  const user = state.users.get(found.key.userId);
  if (!user || user.deleted) return undefined;
  if (user.status === "dormant") {
    return error(ctx, 401, {
      message: `User is not active (status = ${goQuote(user.status)}). Contact an admin to reactivate your account.`,
    });
  }
  return requireAuth(ctx);
}

/**
 * What Coder's page handler writes into every page it renders (site.go, renderHTMLWithState), for
 * signed-out visitors too: the application name ("Coder" when unset) and the logo URL, as the
 * deployment's appearance fetcher returns them (the licence-less one knows only the defaults).
 */
export function pageBranding(ctx: Ctx): { applicationName: string; logoUrl: string } {
  if (ctx.env.config.appearance !== "licensed") return { applicationName: "Coder", logoUrl: "" };
  const store = storeOf(ctx.env.state);
  return { applicationName: store.applicationName || "Coder", logoUrl: store.logoUrl };
}

export function getAppearance(ctx: Ctx): Response {
  // RequireAPIKeyOrWorkspaceAgent: the mock has no workspace agents.
  if (!ctx.user) {
    return error(ctx, 401, {
      message: "API key or workspace agent token required, but none provided",
    });
  }
  const licensed = ctx.env.config.appearance === "licensed";
  const store = storeOf(ctx.env.state);
  const banners = licensed ? (store.banners ?? []) : [];
  return json(ctx, 200, {
    application_name: licensed ? store.applicationName : "",
    logo_url: licensed ? store.logoUrl : "",
    docs_url: DOCS_URL,
    // Kept for older agents: the first announcement banner, or the zero value.
    service_banner: bannerJson(banners[0] ?? ZERO_BANNER),
    announcement_banners: banners.map(bannerJson),
    support_links: DEFAULT_SUPPORT_LINKS,
  });
}

export async function putAppearance(ctx: Ctx): Promise<Response> {
  const { state } = ctx.env;
  const deploymentConfig = { type: "deployment_config", owner: "", orgOwner: "", anyOrg: false };
  if (authorize(rbacSubject(state, ctx.user as MockUser), "update", deploymentConfig) !== true) {
    return error(ctx, 403, { message: "Insufficient permissions to update appearance" });
  }
  const raw = await readJsonValue(ctx.request);
  if (!raw.ok) return error(ctx, raw.status, raw.body);
  const decoded = decodeUpdateAppearance(raw.value);
  if (!decoded.ok) {
    return error(ctx, 400, { message: "Request body must be valid JSON.", detail: decoded.error });
  }
  const body = decoded.value;
  for (const banner of body.announcement_banners ?? []) {
    const problem = hexColorProblem(banner.background_color);
    if (problem !== undefined) {
      return error(ctx, 400, {
        message: `Invalid color format: ${goQuote(banner.background_color)}`,
        detail: problem,
      });
    }
  }
  const banners = body.announcement_banners ?? [];
  const store = storeOf(state);
  store.banners = banners.map((b) => ({ ...b }));
  store.applicationName = body.application_name;
  store.logoUrl = body.logo_url;
  // The handler echoes what it read (service_banner included, though nothing stores it).
  return json(ctx, 200, {
    application_name: body.application_name,
    logo_url: body.logo_url,
    service_banner: bannerJson(body.service_banner),
    announcement_banners: banners.map(bannerJson),
  });
}

/** validateHexColor: length in bytes first, then the "#", then hex.DecodeString's complaint. */
function hexColorProblem(color: string): string | undefined {
  const bytes = new TextEncoder().encode(color);
  if (bytes.length !== 7) return "expected # prefix and 6 characters";
  if (bytes[0] !== 0x23) return "no # prefix";
  for (const byte of bytes.subarray(1)) {
    if (!/[0-9a-fA-F]/.test(String.fromCharCode(byte))) {
      return `encoding/hex: invalid byte: ${goRuneVerb(byte)}`;
    }
  }
  return undefined;
}

/** fmt's %#U for a byte taken as a rune: U+0067 'g', or U+000A alone when not printable. */
function goRuneVerb(byte: number): string {
  const code = `U+${byte.toString(16).toUpperCase().padStart(4, "0")}`;
  const char = String.fromCharCode(byte);
  return /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(char) ? `${code} '${char}'` : code;
}

// ---------------------------------------------------------------------------------------------
// json.Decoder into codersdk.UpdateAppearanceConfig. The shared struct reader has no slices, so
// this one struct is decoded here, with encoding/json's rules: field names match
// case-insensitively, unknown fields and nulls are skipped, the first type error is reported
// (naming the innermost struct and the path of JSON keys), and decoding carries on after it.

type Decoded = { ok: true; value: UpdateAppearance } | { ok: false; error: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function fieldOf<K extends string>(fields: readonly K[], key: string): K | undefined {
  return fields.find((f) => f === key) ?? fields.find((f) => f.toLowerCase() === key.toLowerCase());
}

const BANNER_FIELDS = ["enabled", "message", "background_color"] as const;
const UPDATE_FIELDS = [
  "application_name",
  "logo_url",
  "service_banner",
  "announcement_banners",
] as const;

function decodeUpdateAppearance(value: unknown): Decoded {
  const out: UpdateAppearance = {
    application_name: "",
    logo_url: "",
    service_banner: { ...ZERO_BANNER },
    announcement_banners: null,
  };
  if (value === null) return { ok: true, value: out };
  if (!isObject(value)) {
    return {
      ok: false,
      error: `json: cannot unmarshal ${jsonKind(value)} into Go value of type codersdk.UpdateAppearanceConfig`,
    };
  }
  let first: string | undefined;
  const mismatch = (raw: unknown, struct: string, path: string, type: string) => {
    first ??= `json: cannot unmarshal ${jsonKind(raw)} into Go struct field ${struct}.${path} of type ${type}`;
  };

  const fillBanner = (target: Banner, input: Record<string, unknown>, path: string) => {
    for (const [key, raw] of Object.entries(input)) {
      const field = fieldOf(BANNER_FIELDS, key);
      if (!field || raw === null) continue;
      if (field === "enabled") {
        if (typeof raw === "boolean") target.enabled = raw;
        else mismatch(raw, "BannerConfig", `${path}.${field}`, "bool");
      } else if (typeof raw === "string") {
        target[field] = raw;
      } else {
        mismatch(raw, "BannerConfig", `${path}.${field}`, "string");
      }
    }
  };

  for (const [key, raw] of Object.entries(value)) {
    const field = fieldOf(UPDATE_FIELDS, key);
    if (!field || raw === null) continue;
    if (field === "application_name" || field === "logo_url") {
      if (typeof raw === "string") out[field] = raw;
      else mismatch(raw, "UpdateAppearanceConfig", field, "string");
    } else if (field === "service_banner") {
      if (isObject(raw)) fillBanner(out.service_banner, raw, field);
      else mismatch(raw, "UpdateAppearanceConfig", field, "codersdk.BannerConfig");
    } else if (Array.isArray(raw)) {
      // A JSON array replaces the slice; null elements are zero-valued banners.
      out.announcement_banners = raw.map((element) => {
        const banner = { ...ZERO_BANNER };
        if (isObject(element)) fillBanner(banner, element, field);
        else if (element !== null) {
          mismatch(element, "UpdateAppearanceConfig", field, "codersdk.BannerConfig");
        }
        return banner;
      });
    } else {
      mismatch(raw, "UpdateAppearanceConfig", field, "[]codersdk.BannerConfig");
    }
  }
  return first === undefined ? { ok: true, value: out } : { ok: false, error: first };
}
