// For the *.stand-in.test.tsx files: a form's stand-in on screen while its code is held back (a
// vi.mock of the form's module that waits for the test to open it), typed into field by field as
// someone would on a slow connection, then the swap to the real form.
import { screen, waitFor } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { expect } from "vitest";

let letFormCodeIn = () => {};
const formCodeLetIn = new Promise<void>((resolve) => {
  letFormCodeIn = resolve;
});

/**
 * For the vi.mock of the form's module: resolves when the test lets the code in (swapIn). One per
 * test file (the stand-in tests run isolated, each file with modules of its own).
 */
export const formCodeArrives = () => formCodeLetIn;

/** What a field shows, by its label: its text, or whether it is ticked. */
type Shown = Record<string, string | boolean>;

function labelOf(input: HTMLInputElement): string {
  const label = input.labels?.[0]?.textContent?.replace(/\s+/g, " ").trim();
  if (!label) throw new Error(`the stand-in's field ${input.name || input.id} has no label`);
  return label;
}

const fieldsOf = (form: HTMLFormElement) =>
  [...form.querySelectorAll<HTMLInputElement>("input:not([type=hidden])")].filter(
    (input) => !input.readOnly && !input.disabled,
  );

/**
 * Types `values[name]` into every field of the stand-in `form` (ticks every checkbox), with the
 * form's code still held back, and returns what each field shows, by label. A field the map does
 * not name gets a text of its own, so a field added to the stand-in is typed into too.
 */
export async function fillEveryField(
  user: UserEvent,
  form: HTMLFormElement,
  values: Record<string, string>,
): Promise<Shown> {
  const shown: Shown = {};
  for (const input of fieldsOf(form)) {
    const label = labelOf(input);
    if (input.type === "checkbox" || input.type === "radio") {
      await user.click(input);
      shown[label] = input.checked;
      continue;
    }
    await user.clear(input);
    await user.type(input, values[input.name] ?? `typed into ${label}`);
    shown[label] = input.value;
  }
  // Still the stand-in: everything above went into it, not into the real form.
  expect(form.isConnected).toBe(true);
  return shown;
}

/** Lets the form's code in and waits for the real form to replace the stand-in `form`. */
export async function swapIn(form: HTMLFormElement) {
  letFormCodeIn();
  await waitFor(() => expect(form.isConnected).toBe(false));
}

/** What the fields with these labels show now (in the real form, after the swap). */
export function shownNow(labels: Iterable<string>): Shown {
  const shown: Shown = {};
  for (const label of labels) {
    const input = screen.getByLabelText(label, { selector: "input" }) as HTMLInputElement;
    shown[label] =
      input.type === "checkbox" || input.type === "radio" ? input.checked : input.value;
  }
  return shown;
}
