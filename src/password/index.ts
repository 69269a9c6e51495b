export { validatePassword } from "./rule.ts";
export type { PasswordStrength } from "./strength.ts";
export { passwordStrength } from "./strength.ts";
