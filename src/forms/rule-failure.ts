// What Coder's password refusals mean, in our words. Kept apart from the rule itself
// (src/password), so a page that only words a refusal (the reset pages' server errors) does not
// download the rule.

/** Which of the server's refusals a `details` sentence is ("other": a rule we don't know). */
export function ruleFailureKind(details: string): "too weak" | "too long" | "other" {
  if (details === "password must be no more than 64 characters") return "too long";
  if (details.startsWith("insecure password")) return "too weak";
  return "other";
}

/** The server's sentence, in plainer words where we can say the same facts better. */
export function describeRuleFailure(details: string): string {
  switch (ruleFailureKind(details)) {
    case "too long":
      return "This password is too long: at most 64 bytes (accented letters count 2, emoji 4).";
    case "too weak":
      return "This password is too easy to guess. Make it longer or mix in other kinds of characters.";
    default:
      return details || "This password isn't accepted.";
  }
}

/**
 * Only what is wrong, for a field whose strength meter already says what to do about it (the
 * whole of describeRuleFailure there would say it twice, in two wordings).
 */
export function ruleFailureProblem(details: string): string {
  switch (ruleFailureKind(details)) {
    case "too long":
      return "This password is too long.";
    case "too weak":
      return "This password is too easy to guess.";
    default:
      return describeRuleFailure(details);
  }
}
