export { validatePassword } from "./rule.ts";
export type { CharacterGroup, PasswordStrength, StrengthLevel } from "./strength.ts";
export { passwordStrength } from "./strength.ts";
