// One zod schema per Coder body. Responses use loose objects: a newer Coder may add fields, and
// that must not break sign-in. What we rely on is required; everything else is optional.
import * as z from "zod/mini";

export const FieldValidation = z.object({ field: z.string(), detail: z.string() });
export type FieldValidation = z.infer<typeof FieldValidation>;

/** Coder's error/info envelope (`codersdk.Response`). */
export const CoderResponse = z.looseObject({
  message: z.string(),
  detail: z.optional(z.string()),
  validations: z.optional(z.nullable(z.array(FieldValidation))),
});
export type CoderResponse = z.infer<typeof CoderResponse>;

export const LoginWithPasswordResponse = z.looseObject({ session_token: z.string() });

const Role = z.looseObject({
  name: z.string(),
  display_name: z.optional(z.string()),
  organization_id: z.optional(z.string()),
});

export const User = z.looseObject({
  id: z.string(),
  username: z.string(),
  name: z.optional(z.string()),
  email: z.string(),
  avatar_url: z.optional(z.string()),
  status: z.string(),
  login_type: z.string(),
  organization_ids: z.optional(z.nullable(z.array(z.string()))),
  roles: z.optional(z.nullable(z.array(Role))),
  created_at: z.optional(z.string()),
  last_seen_at: z.optional(z.string()),
});
export type User = z.infer<typeof User>;

export const AuthMethods = z.looseObject({
  terms_of_service_url: z.optional(z.string()),
  password: z.looseObject({ enabled: z.boolean() }),
  github: z.looseObject({
    enabled: z.boolean(),
    default_provider_configured: z.optional(z.boolean()),
  }),
  oidc: z.looseObject({
    enabled: z.boolean(),
    signInText: z.optional(z.string()),
    iconUrl: z.optional(z.string()),
  }),
});
export type AuthMethods = z.infer<typeof AuthMethods>;

/** codersdk.BuildInfoResponse (GET /buildinfo, no session needed); the footer shows `version`. */
export const BuildInfo = z.looseObject({ version: z.string() });

export const ValidatePasswordResponse = z.looseObject({ valid: z.boolean(), details: z.string() });
export type ValidatePasswordResponse = z.infer<typeof ValidatePasswordResponse>;

export const LoginTypeResponse = z.looseObject({ login_type: z.string() });

export const OAuthConversionResponse = z.looseObject({
  state_string: z.string(),
  expires_at: z.string(),
  to_type: z.string(),
  user_id: z.string(),
});
export type OAuthConversionResponse = z.infer<typeof OAuthConversionResponse>;

export const AuthorizationResponse = z.record(z.string(), z.boolean());
export type AuthorizationResponse = z.infer<typeof AuthorizationResponse>;

/** The login types this UI can convert to, and how Coder names their callbacks. */
export type SsoProvider = "github" | "oidc";

/** codersdk.BannerConfig; Go leaves `message` and `background_color` out when empty. */
export const BannerConfig = z.looseObject({
  enabled: z._default(z.boolean(), false),
  message: z._default(z.string(), ""),
  background_color: z._default(z.string(), ""),
});
export type BannerConfig = z.infer<typeof BannerConfig>;

/** codersdk.LinkConfig (`icon`: bug, chat, docs, star; `location`: navbar, dropdown). */
export const LinkConfig = z.looseObject({
  name: z.string(),
  target: z.string(),
  icon: z._default(z.string(), ""),
  location: z.optional(z.string()),
});
export type LinkConfig = z.infer<typeof LinkConfig>;

/** codersdk.AppearanceConfig (GET /appearance). Empty strings mean "use Coder's own". */
export const AppearanceConfig = z.looseObject({
  application_name: z._default(z.string(), ""),
  logo_url: z._default(z.string(), ""),
  docs_url: z.optional(z.string()),
  announcement_banners: z._default(z.array(BannerConfig), []),
  support_links: z._default(z.array(LinkConfig), []),
});
export type AppearanceConfig = z.infer<typeof AppearanceConfig>;

/** codersdk.ExternalAuthDevice (GET /users/oauth2/github/device), GitHub's answer passed on. */
export const ExternalAuthDevice = z.looseObject({
  device_code: z.string(),
  user_code: z.string(),
  verification_uri: z.string(),
  expires_in: z.number(),
  // RFC 8628 §3.2: a client must assume 5 seconds when the server names no interval.
  interval: z._default(z.number(), 5),
});
export type ExternalAuthDevice = z.infer<typeof ExternalAuthDevice>;

/** codersdk.OAuth2DeviceFlowCallbackResponse: the GitHub callback's 200 in device mode. */
export const OAuth2DeviceFlowCallbackResponse = z.looseObject({ redirect_url: z.string() });
