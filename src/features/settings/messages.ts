import type { AlertTone } from "../../components/Alert.tsx";

/**
 * What `/settings/security?message=<id>` may say. As on the sign-in page, only these ids are
 * honoured and the words are ours. `convert-failed-<status>` comes from the front door when the
 * provider's round trip for a switch to single sign-on ends in an error from Coder (the state
 * starts with `convert-`); `login-type-changed-<provider>` from a switch that went through.
 */
type SettingsMessageId = (typeof SETTINGS_MESSAGE_IDS)[number];

const SETTINGS_MESSAGE_IDS = [
  "login-type-changed-github",
  "login-type-changed-oidc",
  "convert-failed-400",
  "convert-failed-401",
  "convert-failed-403",
  "convert-failed-409",
  "convert-failed-500",
  "convert-failed",
] as const;

export interface SettingsMessage {
  tone: AlertTone;
  text: string;
}

interface Context {
  /** The signed-in account's email: the one to use at the provider. */
  email: string;
  /** How the account signs in now ("password", "github", "oidc"…). */
  loginType: string;
  /** The deployment's name for its OpenID Connect provider. */
  oidcLabel: string;
}

const NOTHING_CHANGED = "Nothing changed: you still sign in with your password.";

/**
 * The message for an id, or undefined when the id is unknown or no longer true (a failed switch
 * is only reported to an account that still has its password; a done one to the new method).
 */
export function settingsMessage(id: string | null, context: Context): SettingsMessage | undefined {
  if (id === null || !(SETTINGS_MESSAGE_IDS as readonly string[]).includes(id)) return undefined;
  const { email, loginType, oidcLabel } = context;
  if (id === "login-type-changed-github" || id === "login-type-changed-oidc") {
    const provider = id === "login-type-changed-github" ? "github" : "oidc";
    if (loginType !== provider) return undefined;
    const label = provider === "github" ? "GitHub" : oidcLabel;
    return {
      tone: "success",
      text: `Your account now signs in with ${label}. It no longer has a password, and the switch can't be undone.`,
    };
  }
  if (loginType !== "password") return undefined;
  switch (id as SettingsMessageId) {
    case "convert-failed-400":
      return {
        tone: "error",
        text: `The switch to single sign-on didn't happen: it was cancelled at the identity provider, or you signed in there with an account whose email isn't ${email}. ${NOTHING_CHANGED} To try again, choose a provider below and sign in there as ${email}.`,
      };
    case "convert-failed-401":
      return {
        tone: "error",
        text: `The switch to single sign-on couldn't be verified, for example because it was started in another tab or took too long. ${NOTHING_CHANGED} Start it again below.`,
      };
    case "convert-failed-403":
      return {
        tone: "error",
        text: `The switch to single sign-on was refused: the identity you used at the provider belongs to another Coder account, or the request came from an older attempt. ${NOTHING_CHANGED} Try again below and sign in at the provider as ${email}.`,
      };
    case "convert-failed-500":
      return {
        tone: "error",
        text: `The switch to single sign-on didn't go through: it took longer than five minutes, or the server had a problem. ${NOTHING_CHANGED} Try again below and finish at the provider within five minutes.`,
      };
    default:
      return {
        tone: "error",
        text: `The switch to single sign-on didn't go through. ${NOTHING_CHANGED} Try again below in a moment; if it keeps failing, ask your administrator.`,
      };
  }
}
