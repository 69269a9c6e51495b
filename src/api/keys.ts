// Query keys in one place, so a mutation invalidates exactly what it changes.
export const queryKeys = {
  me: ["me"] as const,
  signedOutReason: ["signedOutReason"] as const,
  authMethods: ["authMethods"] as const,
  buildInfo: ["buildInfo"] as const,
  appearance: ["appearance"] as const,
  coderPage: ["coderPage"] as const,
  githubDevice: ["githubDevice"] as const,
  csrfToken: ["csrfToken"] as const,
  /** Whether the deployment has its first user (false: /setup is the way in). */
  firstUser: ["firstUser"] as const,
  /** Why this tab's session ended, when another tab said so (client state, never fetched). */
  sessionEnded: ["sessionEnded"] as const,
  /** When another tab last reset a password with an emailed code (client state, never fetched). */
  passwordResetElsewhere: ["passwordResetElsewhere"] as const,
  loginType: ["me", "loginType"] as const,
  userAppearance: ["me", "appearance"] as const,
  entitlements: ["entitlements"] as const,
  experiments: ["experiments"] as const,
  permissions: (checks: string) => ["me", "permissions", checks] as const,
  validatePassword: (password: string) => ["validatePassword", password] as const,
};
