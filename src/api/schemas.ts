// One shape per Coder body (see shape.ts). What we rely on is required; everything else is
// optional, and fields we don't know are kept.
import {
  array,
  boolean,
  type Infer,
  nonEmptyString,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  withDefault,
} from "./shape.ts";

export const FieldValidation = object({ field: string, detail: string });
export type FieldValidation = Infer<typeof FieldValidation>;

/** Coder's error/info envelope (`codersdk.Response`). */
export const CoderResponse = object({
  message: string,
  detail: optional(string),
  validations: optional(nullable(array(FieldValidation))),
});
export type CoderResponse = Infer<typeof CoderResponse>;

export const LoginWithPasswordResponse = object({ session_token: string });

const Role = object({
  name: string,
  display_name: optional(string),
  organization_id: optional(string),
});

export const User = object({
  id: string,
  username: string,
  name: optional(string),
  email: string,
  avatar_url: optional(string),
  status: string,
  login_type: string,
  organization_ids: optional(nullable(array(string))),
  roles: optional(nullable(array(Role))),
  created_at: optional(string),
  last_seen_at: optional(string),
});
export type User = Infer<typeof User>;

export const AuthMethods = object({
  terms_of_service_url: optional(string),
  password: object({ enabled: boolean }),
  github: object({
    enabled: boolean,
    default_provider_configured: optional(boolean),
  }),
  oidc: object({
    enabled: boolean,
    signInText: optional(string),
    iconUrl: optional(string),
  }),
});
export type AuthMethods = Infer<typeof AuthMethods>;

/** codersdk.BuildInfoResponse (GET /buildinfo, no session needed); the footer shows `version`. */
export const BuildInfo = object({ version: string });

export const ValidatePasswordResponse = object({ valid: boolean, details: string });
export type ValidatePasswordResponse = Infer<typeof ValidatePasswordResponse>;

export const LoginTypeResponse = object({ login_type: string });

export const OAuthConversionResponse = object({
  state_string: string,
  expires_at: string,
  to_type: string,
  user_id: string,
});
export type OAuthConversionResponse = Infer<typeof OAuthConversionResponse>;

/** `POST /users/first`: the new owner and the organization it joined. */
export const CreateFirstUserResponse = object({
  user_id: string,
  organization_id: string,
});

/** `POST /users/{user}/keys`: a session token, `<id>-<secret>`. */
export const GenerateApiKeyResponse = object({ key: nonEmptyString });

export const AuthorizationResponse = record(boolean);
export type AuthorizationResponse = Infer<typeof AuthorizationResponse>;

/** The login types this UI can convert to, and how Coder names their callbacks. */
export type SsoProvider = "github" | "oidc";

/** codersdk.BannerConfig; Go leaves `message` and `background_color` out when empty. */
export const BannerConfig = object({
  enabled: withDefault(boolean, false),
  message: withDefault(string, ""),
  background_color: withDefault(string, ""),
});
export type BannerConfig = Infer<typeof BannerConfig>;

/** codersdk.LinkConfig (`icon`: bug, chat, docs, star; `location`: navbar, dropdown). */
const LinkConfig = object({
  name: string,
  target: string,
  icon: withDefault(string, ""),
  location: optional(string),
});

/** codersdk.AppearanceConfig (GET /appearance). Empty strings mean "use Coder's own". */
export const AppearanceConfig = object({
  application_name: withDefault(string, ""),
  logo_url: withDefault(string, ""),
  docs_url: optional(string),
  announcement_banners: withDefault(array(BannerConfig), []),
  support_links: withDefault(array(LinkConfig), []),
});
export type AppearanceConfig = Infer<typeof AppearanceConfig>;

/** codersdk.ExternalAuthDevice (GET /users/oauth2/github/device), GitHub's answer passed on. */
export const ExternalAuthDevice = object({
  device_code: string,
  user_code: string,
  verification_uri: string,
  expires_in: number,
  // RFC 8628 §3.2: a client must assume 5 seconds when the server names no interval.
  interval: withDefault(number, 5),
});
export type ExternalAuthDevice = Infer<typeof ExternalAuthDevice>;

/** codersdk.OAuth2DeviceFlowCallbackResponse: the GitHub callback's 200 in device mode. */
export const OAuth2DeviceFlowCallbackResponse = object({ redirect_url: string });

/**
 * codersdk.UserAppearanceSettings (GET /users/me/appearance). `theme_preference` is "" until the
 * user picks one; newer Coders add `theme_mode` ("sync" follows the system) and more fields.
 */
export const UserAppearanceSettings = object({
  theme_preference: withDefault(string, ""),
  theme_mode: optional(string),
});
export type UserAppearanceSettings = Infer<typeof UserAppearanceSettings>;

/** codersdk.Feature, as far as the settings navigation asks. */
const Feature = object({ enabled: withDefault(boolean, false) });

/** codersdk.Entitlements (GET /entitlements): which licensed features are on. */
export const Entitlements = object({ features: withDefault(record(Feature), {}) });
export type Entitlements = Infer<typeof Entitlements>;

/** GET /experiments: the enabled experiments' names. */
export const Experiments = array(string);
