export type { PasswordVerdict } from "./rule.ts";
export { MAX_PASSWORD_BYTES, MIN_ENTROPY_BITS, validatePassword } from "./rule.ts";
export type {
  CharacterGroup,
  PasswordStrength,
  SpecialGroup,
  StrengthLevel,
} from "./strength.ts";
export { passwordStrength } from "./strength.ts";
