import { QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../mock/test-setup.ts";
import { createQueryClient } from "../app/query-client.ts";
import { passwordStrength } from "../password/index.ts";
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
function Form({ signedIn = false, error }: { signedIn?: boolean; error?: string }) {
  const [password, setPassword] = useState("");
  const verdict = usePasswordVerdict(password, signedIn);
  return (
    <NewPasswordField
      label="New password"
      name="password"
      value={password}
      {...verdict}
      error={error}
      onChange={(event) => setPassword(event.target.value)}
    />
  );
}

function renderField(props: { signedIn?: boolean; error?: string } = {}) {
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

describe("NewPasswordField", () => {
  it("starts with the requirement as the field's description, and no meter", () => {
    const { input, live } = renderField();
    expect(input).toHaveAttribute("autocomplete", "new-password");
    expect(input).toHaveAccessibleDescription(
      "At least 52 bits of strength: a long phrase or a mix of letters, numbers and symbols.",
    );
    expect(screen.queryByRole("meter")).toBeNull();
    // The live region exists (empty) before anything is announced, so screen readers track it.
    expect(live).toBeEmptyDOMElement();
  });

  it("updates the meter and the summary as a weak password becomes strong", async () => {
    const { type, input, meter } = renderField();
    await type(WEAK);
    const weak = passwordStrength(WEAK);
    expect(meter().value).toBeCloseTo(weak.entropy, 10);
    expect(meter()).toHaveAttribute("aria-valuetext", `${bits(WEAK)} of 52 bits needed`);
    expect(input).toHaveAccessibleDescription(`Too weak: ${bits(WEAK)} of 52 bits`);
    expect(screen.getByText("Too weak", { exact: true })).toBeVisible();

    // Five more characters, one from each missing group, and it just clears the bar.
    await type("X7!_#");
    const better = `${WEAK}X7!_#`;
    expect(meter().value).toBeCloseTo(passwordStrength(better).entropy, 10);
    expect(meter()).toHaveAttribute("aria-valuetext", "52 of 52 bits needed");
    expect(input).toHaveAccessibleDescription("Good enough: 52 of 52 bits");
    expect(screen.queryByRole("list")).toBeNull();

    await type("Lm9pQ2");
    expect(input).toHaveAccessibleDescription(`Strong: ${bits(`${better}Lm9pQ2`)} of 52 bits`);
    // The meter's scale ends at 96 bits; a stronger password fills it.
    await type("Zr5tY8wK3");
    expect(meter().value).toBe(96);
    expect(meter().max).toBe(96);
    expect(meter().low).toBe(52);
  });

  it("lists the missing groups, and about how many more characters would do instead", async () => {
    const { type } = renderField();
    await type(WEAK);
    const advice = within(screen.getByRole("list")).getAllByRole("listitem");
    const more = passwordStrength(WEAK).extraCharsNeeded;
    expect(advice.map((item) => item.textContent)).toEqual([
      "Add symbols from each kind: ! @ $ & *, spaces or _ - . , and others like # % ? +",
      "Add uppercase letters",
      "Add numbers",
      `Or add about ${more} more characters`,
    ]);
    await type("A1");
    expect(
      within(screen.getByRole("list"))
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual([
      "Add symbols from each kind: ! @ $ & *, spaces or _ - . , and others like # % ? +",
      `Or add about ${passwordStrength(`${WEAK}A1`).extraCharsNeeded} more characters`,
    ]);
  });

  it("shows the byte count near the limit, counting é as 2 bytes and an emoji as 4", () => {
    const { input, fill } = renderField();
    fill(STRONG + STRONG.slice(0, 15)); // 31 bytes: nothing to watch yet
    expect(input).toHaveAccessibleDescription(/^Strong: \d+ of 52 bits$/);
    fill(STRONG + STRONG + STRONG.slice(0, 15)); // 47 bytes
    expect(input).not.toHaveAccessibleDescription(/bytes/);
    fill(STRONG.repeat(3));
    expect(input).toHaveAccessibleDescription(/, 48 of 64 bytes$/);
    // 40 characters, 48 bytes.
    fill(`${STRONG.repeat(2)}${"é".repeat(8)}`);
    expect(input).toHaveAccessibleDescription(/, 48 of 64 bytes$/);
    // 36 characters (40 UTF-16 units), 48 bytes.
    fill(`${STRONG.repeat(2)}${"😀".repeat(4)}`);
    expect(input).toHaveAccessibleDescription(/, 48 of 64 bytes$/);
    fill(`${STRONG.repeat(2)}${"😀".repeat(8)}`);
    expect(input).toHaveAccessibleDescription(/^Strong: \d+ of 52 bits, 64 of 64 bytes$/);
  });

  it("says a password over 64 bytes is too long, not too weak", () => {
    const { input, fill, meter } = renderField();
    fill(`${STRONG.repeat(2)}${"é".repeat(17)}`);
    expect(input).toHaveAccessibleDescription(/^Too long: \d+ of 52 bits, 66 of 64 bytes$/);
    expect(screen.getByText("Use at most 64 bytes.")).toBeVisible();
    expect(screen.queryByText(/Too weak/)).toBeNull();
    // No advice to add characters to a password that already has too many.
    expect(screen.queryByText(/more character/)).toBeNull();
    expect(meter()).toHaveAttribute("aria-valuetext", expect.stringMatching(/of 52 bits/));
  });

  it("still asks for more variety when a long password is weak as well", () => {
    const { input, fill } = renderField();
    fill("a".repeat(65));
    // The server names entropy first; the field says both.
    expect(input).toHaveAccessibleDescription(/^Too weak: \d+ of 52 bits, 65 of 64 bytes$/);
    expect(screen.getByText("Use at most 64 bytes.")).toBeVisible();
    expect(screen.getByText("Add uppercase letters")).toBeVisible();
    expect(screen.queryByText(/more character/)).toBeNull();
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
    expect(live).toHaveTextContent(`Password too weak, ${bits(WEAK)} of 52 bits.`);

    // More typing: the old announcement stands until the next pause, then one new one.
    heard.length = 0;
    for (const key of "X7!_#Lm9pQ2") {
      await type(key);
      heard.push(live.textContent ?? "");
    }
    expect(new Set(heard)).toEqual(new Set([`Password too weak, ${bits(WEAK)} of 52 bits.`]));
    await advance(SERVER_CHECK_DELAY_MS);
    expect(live).toHaveTextContent("Password strength strong.");

    fill("");
    await advance(SERVER_CHECK_DELAY_MS);
    expect(live).toBeEmptyDOMElement();
  });

  it("announces a too-long password as too long", async () => {
    const { fill, live } = renderField();
    fill(`${STRONG.repeat(4)}!`);
    await advance(SERVER_CHECK_DELAY_MS);
    expect(live).toHaveTextContent("Password too long.");
  });

  it("shows, describes and announces the server's refusal of a password the local rule accepts", async () => {
    const details = "password must not contain your username";
    server.use(http.post(VALIDATE, () => HttpResponse.json({ valid: false, details })));
    const { type, input, live } = renderField({ signedIn: true });
    await type(STRONG);
    expect(input).toHaveAccessibleDescription(`Strong: ${bits(STRONG)} of 52 bits`);
    await advance(SERVER_CHECK_DELAY_MS);
    await eventually(() => expect(screen.getByText(details)).toBeVisible());
    expect(input).toHaveAccessibleDescription(
      `Not accepted: ${bits(STRONG)} of 52 bits ${details}`,
    );
    expect(live).toHaveTextContent(`Password not accepted: ${details}`);
    // One more character and the server's answer no longer applies.
    await type("!");
    expect(screen.queryByText(details)).toBeNull();
    expect(input).toHaveAccessibleDescription(`Strong: ${bits(`${STRONG}!`)} of 52 bits`);
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
    expect(screen.getByText("Too weak", { exact: true })).toBeVisible();
  });

  it("doesn't repeat the server's refusal when the form already shows it as the error", async () => {
    const details = "password must not contain your username";
    server.use(http.post(VALIDATE, () => HttpResponse.json({ valid: false, details })));
    const { type, input } = renderField({ signedIn: true, error: details });
    await type(STRONG);
    await advance(SERVER_CHECK_DELAY_MS);
    await eventually(() => expect(screen.getByText("Not accepted", { exact: true })).toBeVisible());
    expect(screen.getAllByText(details)).toHaveLength(1);
    expect(input).toHaveAccessibleDescription(
      `${details} Not accepted: ${bits(STRONG)} of 52 bits`,
    );
  });

  it("lets the server accept a password the local rule would refuse", async () => {
    server.use(http.post(VALIDATE, () => HttpResponse.json({ valid: true, details: "" })));
    const { type, input, live } = renderField({ signedIn: true });
    await type(WEAK);
    expect(screen.getByRole("list")).toBeVisible();
    await advance(SERVER_CHECK_DELAY_MS);
    await eventually(() =>
      expect(input).toHaveAccessibleDescription(`Accepted: ${bits(WEAK)} of 52 bits`),
    );
    expect(screen.queryByText("Too weak", { exact: true })).toBeNull();
    expect(screen.queryByRole("list")).toBeNull();
    expect(live).toHaveTextContent("Password accepted.");
  });

  it("ties the error, then the summary, to the input", async () => {
    const { type, input } = renderField({ error: "The passwords don't match." });
    await type(WEAK);
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription(
      `The passwords don't match. Too weak: ${bits(WEAK)} of 52 bits`,
    );
  });
});
