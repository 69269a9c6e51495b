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
    text: "Your account now signs in with single sign-on. Use the single sign-on button to sign in.",
  },
  "signed-out": { tone: "info", text: "You have signed out." },
  "session-expired": { tone: "info", text: "Your session has ended. Sign in again to continue." },
} as const satisfies Record<string, { tone: AlertTone; text: string }>;

/**
 * Messages after which the same person signs in again: when the page also knows their address,
 * only the password is missing, so the sign-in form starts there.
 */
const SIGN_IN_AGAIN: ReadonlySet<string> = new Set<LoginMessageId>([
  "password-changed",
  "password-updated",
  "session-expired",
]);

/** Whether `/login?message=<id>`, with the address filled in, should focus the password. */
export function startsAtPassword(id: string | null, email: string): boolean {
  return id !== null && SIGN_IN_AGAIN.has(id) && email.trim() !== "";
}

export type LoginMessageId = keyof typeof loginMessages;

export function loginMessage(id: string | null) {
  if (id === null || !Object.hasOwn(loginMessages, id)) return undefined;
  return loginMessages[id as LoginMessageId];
}

/** State other pages may pass when sending someone to `/login` (kept out of the URL). */
export interface LoginLocationState {
  email?: string;
}

/** The `/login` path that shows a known message. */
export const loginWithMessage = (id: LoginMessageId) => `/login?message=${id}`;
