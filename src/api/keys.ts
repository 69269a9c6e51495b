// Query keys in one place, so a mutation invalidates exactly what it changes.
export const queryKeys = {
  me: ["me"] as const,
  authMethods: ["authMethods"] as const,
  buildInfo: ["buildInfo"] as const,
  appearance: ["appearance"] as const,
  coderPage: ["coderPage"] as const,
  githubDevice: ["githubDevice"] as const,
  csrfToken: ["csrfToken"] as const,
  loginType: ["me", "loginType"] as const,
  permissions: (checks: string) => ["me", "permissions", checks] as const,
  validatePassword: (password: string) => ["validatePassword", password] as const,
};
