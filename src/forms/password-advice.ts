// What the strength meter says about a new password, in words a person acts on. The verdict
// (accepted or not) is always the rule's (src/password), never ours: these are only its words.
import type { PasswordStrength } from "../password/index.ts";
import { ruleFailureKind } from "./rule-failure.ts";

export interface PasswordAdvice {
  /** The verdict in a few words ("Too easy to guess."). */
  headline: string;
  /** What to do about it, when anything; "" otherwise. */
  advice: string;
}

type Kind = "capital" | "small" | "digit" | "symbol";

const KIND_WORDS: Record<Kind, string> = {
  capital: "a capital letter",
  small: "a small letter",
  digit: "a digit",
  symbol: "a symbol",
};

/** The kinds of character that would add to the password's strength, biggest gain first. */
function missingKinds(strength: PasswordStrength): { kinds: Kind[]; symbolExample: string } {
  const kinds: Kind[] = [];
  // Each group of symbols counts on its own; the largest one (# ? % + and more) helps most.
  const symbols = strength.specialGroups;
  const symbolExample = !symbols.includes("other")
    ? "such as #"
    : !symbols.includes("replace")
      ? "such as !"
      : "such as -";
  if (strength.missingGroups.includes("uppercase")) kinds.push("capital");
  if (strength.missingGroups.includes("lowercase")) kinds.push("small");
  if (strength.missingGroups.includes("numbers")) kinds.push("digit");
  if (strength.missingGroups.includes("special")) kinds.push("symbol");
  return { kinds, symbolExample };
}

function listWithOr(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The words for a password whose verdict is `valid` with `details` (the server's when it judged
 * this very password, else the local rule's).
 */
export function adviseOnPassword(
  strength: PasswordStrength,
  valid: boolean,
  details: string,
  personal: PersonalMatch | undefined,
): PasswordAdvice {
  if (valid) {
    // The server accepts what the local rule would refuse (a future Coder): say only that.
    if (!strength.valid) return { headline: "Accepted.", advice: "" };
    // Coder accepts a password made of the address; our words don't praise it (see warning).
    if (personal) return { headline: "Accepted.", advice: "" };
    switch (strength.level) {
      case "strong":
        return { headline: "Strong.", advice: "" };
      case "ok":
        return { headline: "Looks good.", advice: "" };
      default:
        return {
          headline: "Just enough.",
          advice: "A few more characters would make it much harder to guess.",
        };
    }
  }

  // The server refuses what the local figures accept: its own sentence says why (the field
  // shows it as a note), and the figures have no advice to add.
  if (strength.valid) {
    const kind = ruleFailureKind(details);
    const headline =
      kind === "too long"
        ? "Too long."
        : kind === "too weak"
          ? "Too easy to guess."
          : "Not accepted.";
    return { headline, advice: "" };
  }

  switch (ruleFailureKind(details)) {
    case "too long":
      return {
        headline: "Too long.",
        advice: `Use at most ${strength.maxBytes} bytes; this has ${strength.bytes} (accented letters count 2, emoji 4).`,
      };
    case "too weak": {
      const { kinds, symbolExample } = missingKinds(strength);
      const tooLongAsWell = strength.tooLong
        ? ` It is also too long: at most ${strength.maxBytes} bytes.`
        : "";
      const words = kinds.map((kind) =>
        kind === "symbol" ? `${KIND_WORDS.symbol} ${symbolExample}` : KIND_WORDS[kind],
      );
      // The figures can fall short of the server's for reasons of its own: then no count to give.
      const more = strength.tooLong ? 0 : strength.extraCharsNeeded;
      if (words.length === 0)
        return {
          headline: "Too short.",
          advice:
            more > 0
              ? `Add about ${plural(more, "more character")}.${tooLongAsWell}`
              : tooLongAsWell.trim(),
        };
      return {
        headline: "Too easy to guess.",
        advice: `Add a different kind of character (${listWithOr(words)})${
          more > 0 ? `, or make it about ${plural(more, "character")} longer` : ""
        }.${tooLongAsWell}`,
      };
    }
    default:
      return { headline: "Not accepted.", advice: "" };
  }
}

/** What of the account a password contains, if anything. */
export type PersonalMatch = "email address" | "username";

/** Shorter than this, a name is part of too many passwords by chance to warn about. */
const MIN_NAME_LENGTH = 3;

/**
 * Whether the password contains the account's email address, or its username (or, where the
 * username isn't known, the address's part before the @, which usually is one). Case is ignored:
 * a guesser tries every spelling.
 */
export function personalMatch(
  password: string,
  account: { email?: string | undefined; username?: string | undefined },
): PersonalMatch | undefined {
  const haystack = password.toLowerCase();
  const email = account.email?.trim().toLowerCase() ?? "";
  if (email !== "" && haystack.includes(email)) return "email address";
  const at = email.lastIndexOf("@");
  const names = [account.username?.trim().toLowerCase() ?? "", at > 0 ? email.slice(0, at) : ""];
  if (names.some((name) => name.length >= MIN_NAME_LENGTH && haystack.includes(name)))
    return "username";
  return undefined;
}

export function personalWarning(match: PersonalMatch): string {
  return `It contains your ${match}, which makes it easier to guess.`;
}
