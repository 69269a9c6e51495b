import { detailsOf, measure } from "./measure.ts";

export { MAX_PASSWORD_BYTES, MIN_ENTROPY_BITS } from "./measure.ts";

export interface PasswordVerdict {
  valid: boolean;
  /** The exact sentence Coder's /users/validate-password answers ("" when valid). */
  details: string;
  /** Entropy in bits, the same float64 the server computes. */
  entropy: number;
}

/** Coder's server-side password rule (userpassword.Validate), reproduced bit for bit. */
export function validatePassword(password: string): PasswordVerdict {
  const m = measure(password);
  const details = detailsOf(m);
  return { valid: details === "", details, entropy: m.entropy };
}
