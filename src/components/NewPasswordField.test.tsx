import { QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../mock/test-setup.ts";
import { createQueryClient } from "../app/query-client.ts";
import { describeRuleFailure } from "../forms/rule-failure.ts";
import { passwordStrength, validatePassword } from "../password/index.ts";
import { NewPasswordField } from "./NewPasswordField.tsx";
import { SERVER_CHECK_DELAY_MS, usePasswordVerdict } from "./usePasswordVerdict.ts";

const { server } = setupMockCoder();

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const VALIDATE = "*/api/v2/users/validate-password";
const WEAK = "asdfgq";
const STRONG = "Xq7!pL_2#vR9mK4z";
const KEY_GAP_MS = 100;

/** The field as the reset-password and settings forms wire it. */
interface FormProps {
  signedIn?: boolean;
  error?: string;
  account?: { email?: string; username?: string };
}

function Form({ signedIn = false, error, account }: FormProps) {
  const [password, setPassword] = useState("");
  const verdict = usePasswordVerdict(password, signedIn);
  return (
    <NewPasswordField
      label="New password"
      name="password"
      value={password}
      {...verdict}
      error={error}
      account={account}
      onChange={(event) => setPassword(event.target.value)}
    />
  );
}

function renderField(props: FormProps = {}) {
  const view = render(
    <QueryClientProvider client={createQueryClient()}>
      <Form {...props} />
    </QueryClientProvider>,
  );
  const input = screen.getByLabelText("New password", { selector: "input" }) as HTMLInputElement;
  const live = view.container.querySelector('[aria-live="polite"]');
  if (!(live instanceof HTMLElement)) throw new Error("no live region");
  return {
    input,
    live,
    meter: () => screen.getByRole("meter", { name: "Password strength" }) as HTMLMeterElement,
    /**
     * Types one character (code point) every KEY_GAP_MS, or deletes one for "\b". Change events
     * rather than user-event: user-event waits on real timers, and this fake clock is what makes
     * "no announcement before the pause" exact.
     */
    async type(keys: string) {
      for (const key of keys) {
        const value =
          key === "\b" ? Array.from(input.value).slice(0, -1).join("") : input.value + key;
        fireEvent.change(input, { target: { value } });
        await advance(KEY_GAP_MS);
      }
    },
    /** Replaces the whole value at once, as a paste or a password manager does. */
    fill(value: string) {
      fireEvent.change(input, { target: { value } });
    },
  };
}

async function advance(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

async function eventually(check: () => void) {
  for (let step = 0; ; step++) {
    try {
      check();
      return;
    } catch (error) {
      if (step >= 100) throw error;
      await advance(10);
    }
  }
}

const bits = (password: string) => Math.floor(passwordStrength(password).entropy);
/** What a screen reader reads as the input's description: its describedby elements' text. */
const described = (input: HTMLElement) =>
  (input.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");
/** The disclosure with the exact figures, for whoever wants them. */
const figures = () => screen.getByText("Exact figures").closest("details") as HTMLDetailsElement;

describe("NewPasswordField", () => {
  it("starts with plain advice as the field's description, and no meter", () => {
    const { input, live } = renderField();
    expect(input).toHaveAttribute("autocomplete", "new-password");
    expect(input).toHaveAccessibleDescription(
      "Use a long phrase, or mix capitals, digits and symbols.",
    );
    expect(screen.queryByRole("meter")).toBeNull();
    expect(screen.queryByText(/bits/)).toBeNull();
    // The live region exists (empty) before anything is announced, so screen readers track it.
    expect(live).toBeEmptyDOMElement();
  });

  it("says what matters as a weak password becomes strong, with the figures a click away", async () => {
    const { type, input, meter } = renderField();
    await type(WEAK);
    const weak = passwordStrength(WEAK);
    expect(meter().value).toBeCloseTo(weak.entropy, 10);
    expect(meter()).toHaveAttribute("aria-valuetext", "Too easy to guess.");
    expect(input).toHaveAccessibleDescription(
      `Too easy to guess. Add a different kind of character (a capital letter, a digit or a symbol such as #), or make it about ${weak.extraCharsNeeded} characters longer.`,
    );
    // No jargon in what is read out; the exact figure is there, folded away.
    expect(input).not.toHaveAccessibleDescription(/bits/);
    expect(figures().open).toBe(false);
    expect(figures()).toHaveTextContent(
      `${bits(WEAK)} bits of estimated strength; Coder asks for at least 52. 6 of 64 bytes used.`,
    );

    // Five more characters, one from each missing group, and it just clears the bar.
    await type("X7!_#");
    const better = `${WEAK}X7!_#`;
    expect(bits(better)).toBe(52);
    expect(meter().value).toBeCloseTo(passwordStrength(better).entropy, 10);
    expect(input).toHaveAccessibleDescription(
      "Just enough. A few more characters would make it much harder to guess.",
    );

    await type("Lm9pQ2");
    expect(input).toHaveAccessibleDescription("Strong.");
    // The meter's scale ends at 96 bits; a stronger password fills it.
    await type("Zr5tY8wK3");
    expect(meter().value).toBe(96);
    expect(meter().max).toBe(96);
    expect(meter().low).toBe(52);
  });

  it("reads Password123 and password123 sensibly, with the server's exact verdict", () => {
    const { input, fill } = renderField();
    fill("Password123");
    expect(passwordStrength("Password123").valid).toBe(true);
    expect(input).toHaveAccessibleDescription(
      "Just enough. A few more characters would make it much harder to guess.",
    );
    fill("password123");
    // One bit short (51.7 of 52): refused, and what would fix it is named.
    expect(passwordStrength("password123").valid).toBe(false);
    expect(input).toHaveAccessibleDescription(
      "Too easy to guess. Add a different kind of character (a capital letter or a symbol such as #), or make it about 1 character longer.",
    );
  });

  it("says 'too short' when every kind of character is there already", () => {
    const { input, fill } = renderField();
    fill("aA1!-#x");
    expect(input).toHaveAccessibleDescription(
      `Too short. Add about ${passwordStrength("aA1!-#x").extraCharsNeeded} more character.`,
    );
  });

  it("warns, without refusing, when the password contains the account's address or name", () => {
    const { input, fill } = renderField({
      account: { email: "admin@coder.com", username: "admin" },
    });
    fill("admin@coder.com");
    // Coder accepts it (78 bits); our words don't praise it.
    expect(passwordStrength("admin@coder.com").valid).toBe(true);
    expect(input).toHaveAccessibleDescription(
      "Accepted. It contains your email address, which makes it easier to guess.",
    );
    expect(input).not.toHaveAttribute("aria-invalid");
    fill("Admin-Rules-The-World-2024");
    expect(input).toHaveAccessibleDescription(
      "Accepted. It contains your username, which makes it easier to guess.",
    );
    fill("Correct-Horse-Battery-Staple-42");
    expect(input).toHaveAccessibleDescription("Strong.");
  });

  it("takes the address's first part for the username where that isn't known", () => {
    const { input, fill } = renderField({ account: { email: "member@coder.com" } });
    fill("my-member-pass-word!");
    expect(input).toHaveAccessibleDescription(/It contains your username/);
  });

  it("shows the bytes used in the figures, counting é as 2 bytes and an emoji as 4", () => {
    const { fill } = renderField();
    fill(STRONG.repeat(3));
    expect(figures()).toHaveTextContent("48 of 64 bytes used.");
    // 40 characters, 48 bytes.
    fill(`${STRONG.repeat(2)}${"é".repeat(8)}`);
    expect(figures()).toHaveTextContent("48 of 64 bytes used.");
    // 36 characters (40 UTF-16 units), 48 bytes.
    fill(`${STRONG.repeat(2)}${"😀".repeat(4)}`);
    expect(figures()).toHaveTextContent("48 of 64 bytes used.");
  });

  it("says a password over 64 bytes is too long, not too weak", () => {
    const { input, fill } = renderField();
    fill(`${STRONG.repeat(2)}${"é".repeat(17)}`);
    expect(input).toHaveAccessibleDescription(
      "Too long. Use at most 64 bytes; this has 66 (accented letters count 2, emoji 4).",
    );
    expect(screen.queryByText(/Too easy to guess/)).toBeNull();
    // No advice to add characters to a password that already has too many.
    expect(screen.queryByText(/longer|more character/)).toBeNull();
  });

  it("still asks for more variety when a long password is weak as well", () => {
    const { input, fill } = renderField();
    fill("a".repeat(65));
    // The server names entropy first; the field says both.
    expect(input).toHaveAccessibleDescription(
      "Too easy to guess. Add a different kind of character (a capital letter, a digit or a symbol such as #). It is also too long: at most 64 bytes.",
    );
  });

  it("announces politely once typing pauses, not on every keystroke", async () => {
    const { type, fill, live } = renderField();
    expect(live).toHaveAttribute("aria-live", "polite");
    const heard: string[] = [];
    for (const key of WEAK) {
      await type(key);
      heard.push(live.textContent ?? "");
    }
    expect(heard.every((text) => text === "")).toBe(true);
    await advance(SERVER_CHECK_DELAY_MS - KEY_GAP_MS - 1);
    expect(live).toBeEmptyDOMElement();
    await advance(1);
    expect(live).toHaveTextContent("Password: Too easy to guess.");

    // More typing: the old announcement stands until the next pause, then one new one.
    heard.length = 0;
    for (const key of "X7!_#Lm9pQ2") {
      await type(key);
      heard.push(live.textContent ?? "");
    }
    expect(new Set(heard)).toEqual(new Set(["Password: Too easy to guess."]));
    await advance(SERVER_CHECK_DELAY_MS);
    expect(live).toHaveTextContent("Password: Strong.");

    fill("");
    await advance(SERVER_CHECK_DELAY_MS);
    expect(live).toBeEmptyDOMElement();
  });

  it("announces a too-long password as too long, and the personal warning", async () => {
    const { fill, live } = renderField({ account: { email: "admin@coder.com" } });
    fill(`${STRONG.repeat(4)}!`);
    await advance(SERVER_CHECK_DELAY_MS);
    expect(live).toHaveTextContent("Password: Too long.");
    fill("admin@coder.com");
    await advance(SERVER_CHECK_DELAY_MS);
    expect(live).toHaveTextContent(
      "Password: Accepted. It contains your email address, which makes it easier to guess.",
    );
  });

  it("shows, describes and announces the server's refusal of a password the local rule accepts", async () => {
    const details = "password must not contain your username";
    server.use(http.post(VALIDATE, () => HttpResponse.json({ valid: false, details })));
    const { type, input, live } = renderField({ signedIn: true });
    await type(STRONG);
    expect(input).toHaveAccessibleDescription("Strong.");
    await advance(SERVER_CHECK_DELAY_MS);
    await eventually(() => expect(screen.getByText(details)).toBeVisible());
    expect(input).toHaveAccessibleDescription(`Not accepted. ${details}`);
    expect(live).toHaveTextContent(`Password: Not accepted. ${details}`);
    // One more character and the server's answer no longer applies.
    await type("!");
    expect(screen.queryByText(details)).toBeNull();
    expect(input).toHaveAccessibleDescription("Strong.");
  });

  it("words the server's own sentences plainly when it refuses", async () => {
    server.use(
      http.post(VALIDATE, () =>
        HttpResponse.json({
          valid: false,
          details:
            "insecure password, try including more special characters, using lowercase letters or using a longer password",
        }),
      ),
    );
    const { type } = renderField({ signedIn: true });
    await type(STRONG);
    await advance(SERVER_CHECK_DELAY_MS);
    await eventually(() =>
      expect(screen.getByText(/This password is too easy to guess/)).toBeVisible(),
    );
    expect(screen.getByText("Too easy to guess.", { exact: true })).toBeVisible();
  });

  it("doesn't repeat the server's refusal when the form already shows it as the error", async () => {
    const details = "password must not contain your username";
    server.use(http.post(VALIDATE, () => HttpResponse.json({ valid: false, details })));
    const { type, input } = renderField({ signedIn: true, error: details });
    await type(STRONG);
    await advance(SERVER_CHECK_DELAY_MS);
    await eventually(() =>
      expect(screen.getByText("Not accepted.", { exact: true })).toBeVisible(),
    );
    expect(screen.getAllByText(details)).toHaveLength(1);
    expect(input).toHaveAccessibleDescription(`${details} Not accepted.`);
  });

  it("lets the server accept a password the local rule would refuse", async () => {
    server.use(http.post(VALIDATE, () => HttpResponse.json({ valid: true, details: "" })));
    const { type, input, live } = renderField({ signedIn: true });
    await type(WEAK);
    expect(input).toHaveAccessibleDescription(/^Too easy to guess\./);
    await advance(SERVER_CHECK_DELAY_MS);
    await eventually(() => expect(input).toHaveAccessibleDescription("Accepted."));
    expect(screen.queryByText(/Too easy to guess/)).toBeNull();
    expect(live).toHaveTextContent("Password: Accepted.");
  });

  it("after a refused submit, says once what is wrong (the error) and once what to do (the meter)", () => {
    const cases = [
      [
        WEAK,
        /too easy to guess/gi,
        /^This password is too easy to guess\. Add a different kind of character \(/,
      ],
      [
        STRONG.repeat(5),
        /too long/gi,
        /^This password is too long\. Use at most 64 bytes; this has 80 /,
      ],
    ] as const;
    for (const [password, problem, reads] of cases) {
      // What the form shows as the field's error once the rule refuses the password on submit.
      const refusal = describeRuleFailure(validatePassword(password).details);
      const { input, fill } = renderField({ error: refusal });
      fill(password);
      const said = described(input);
      expect(said.match(problem), said).toHaveLength(1);
      expect(said).toMatch(reads);
      expect(input).toHaveAttribute("aria-invalid", "true");
      cleanup();
    }
  });

  it("colours the meter as its words say: amber only for 'Just enough.'", () => {
    // The meter's region: below low refused, between low and high fair, from high on good.
    const region = (meter: HTMLMeterElement) =>
      meter.value < meter.low ? "refused" : meter.value < meter.high ? "fair" : "good";
    const { fill, meter } = renderField();
    for (const [password, words, expected] of [
      [WEAK, "Too easy to guess.", "refused"],
      ["horsebattery", "Just enough.", "fair"],
      ["Horsebattery", "Looks good.", "good"],
      [STRONG, "Strong.", "good"],
    ] as const) {
      fill(password);
      expect(screen.getByText(words, { exact: true })).toBeVisible();
      expect(region(meter()), password).toBe(expected);
    }
  });

  it("ties the error, then the summary, to the input", async () => {
    const { type, input } = renderField({ error: "The passwords don't match." });
    await type(WEAK);
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription(/^The passwords don't match\. Too easy to guess\./);
  });
});
