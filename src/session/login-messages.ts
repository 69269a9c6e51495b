import type { AlertTone } from "../components/Alert.tsx";

/**
 * What `/login?message=<id>` may say. Only these ids are honoured; the text is ours, so a link
 * can't make the sign-in page display words an attacker chose.
 */
export const loginMessages = {
  "password-changed": {
    tone: "success",
    text: "Your password has been changed. Sign in with your new password.",
  },
  "password-updated": {
    tone: "success",
    text: "Your password was updated and every session was signed out. Sign in with your new password.",
  },
  "login-type-changed-github": {
    tone: "success",
    text: "Your account now signs in with GitHub. Use the GitHub button to sign in.",
  },
  "login-type-changed-oidc": {
    tone: "success",
    // Coder's name for the provider; the sign-in page puts the deployment's in its place
    // (its button's text) once it knows it.
    text: 'Your account now signs in with OpenID Connect. Use "Sign in with OpenID Connect" below.',
  },
  "signed-out": { tone: "info", text: "You have signed out." },
  "session-expired": { tone: "info", text: "Your session has ended. Sign in again to continue." },
  "account-suspended": {
    tone: "error",
    text: "Your account is suspended, so it can't sign in. Ask an administrator to reactivate it.",
  },
  // A single sign-on round trip that failed; the front door names it by Coder's status code.
  "sso-failed-400": {
    tone: "error",
    text: "Single sign-on didn't finish: it was cancelled at your identity provider, or the provider reported a problem. Try again, or sign in another way.",
  },
  "sso-failed-401": {
    tone: "error",
    text: "Coder didn't accept this sign-in. Most often the account isn't in a GitHub organization or team this deployment allows: ask your administrator for access. If the sign-in was started in another tab or took a long time, start again from the sign-in page.",
  },
  "sso-failed-403": {
    tone: "error",
    text: "Your identity provider recognised you, but Coder didn't let that account in. Either it has no Coder account yet (ask your administrator for access), or it signs in another way, for example with a password: use that instead.",
  },
  "sso-failed-409": {
    tone: "error",
    text: "Coder couldn't create an account for you because the username it would get is already taken. Ask your administrator to sort it out.",
  },
  "sso-failed-500": {
    tone: "error",
    text: "Something went wrong while finishing single sign-on. Try again; if it keeps happening, tell your administrator.",
  },
  "sso-failed": {
    tone: "error",
    text: "Single sign-on didn't finish. Try again in a moment, or sign in another way.",
  },
  "github-not-allowed": {
    tone: "error",
    text: "Your GitHub account isn't in an organization or team this deployment allows. Ask your administrator for access, or sign in another way.",
  },
} as const satisfies Record<string, { tone: AlertTone; text: string }>;

/**
 * Coder sends people here with its own words in `?message=` (httpmw.RedirectToLogin and
 * CustomRedirectToLogin, and its dashboard after a login-type change). Those we recognise are
 * shown in ours; any other text is ignored, as an unknown id would be.
 */
const coderTexts: ReadonlyArray<readonly [RegExp, LoginMessageId]> = [
  [
    /^You are signed out or your session has expired\. Please sign in again to continue\.$/,
    "session-expired",
  ],
  [/^Could not refresh expired (GitHub|OpenID Connect) token\./, "session-expired"],
  [/^User is not active \(status = "suspended"\)\./, "account-suspended"],
  [/^Login type has been changed to Github\. /, "login-type-changed-github"],
  [/^Login type has been changed to OpenID Connect\. /, "login-type-changed-oidc"],
  [
    /^You aren't a member of (the authorized|an authorized team in the .*) Github organization/,
    "github-not-allowed",
  ],
];

export type LoginMessageId = keyof typeof loginMessages;

/** The known message a `?message=` value stands for: one of our ids, or Coder's words for one. */
export function loginMessageId(value: string | null): LoginMessageId | undefined {
  if (value === null) return undefined;
  if (Object.hasOwn(loginMessages, value)) return value as LoginMessageId;
  return coderTexts.find(([text]) => text.test(value))?.[1];
}

export function loginMessage(id: string | null) {
  const known = loginMessageId(id);
  return known ? loginMessages[known] : undefined;
}

/** State other pages may pass when sending someone to `/login` (kept out of the URL). */
export interface LoginLocationState {
  email?: string;
}

/** The `/login` path that shows a known message. */
export const loginWithMessage = (id: LoginMessageId) => `/login?message=${id}`;

/**
 * What a refused single sign-on says, from whatever Coder answered: its own words when we know
 * them (an organization it doesn't allow, a suspended account), else the status, as the front
 * door names a failed redirect (`sso-failed-<status>`). The device flow uses it too, so the same
 * refusal reads the same either way.
 */
export function ssoRefusal(status: number, coderText?: string): LoginMessageId {
  const known = coderText === undefined ? undefined : loginMessageId(coderText);
  if (known === "github-not-allowed" || known === "account-suspended") return known;
  const byStatus = `sso-failed-${status}`;
  return Object.hasOwn(loginMessages, byStatus) ? (byStatus as LoginMessageId) : "sso-failed";
}
