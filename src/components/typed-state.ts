// What a person has put into a form that is about to be replaced by an identical one (the
// prerendered page by the app, a form's plain stand-in by the form itself): the values, which
// control had focus and where the cursor was, and which passwords were shown. Read from one
// element before the swap, written into the element that holds the new markup after it, before
// the browser paints, so nothing visible changes.

const FOCUSABLE = "input:not([type=hidden]), button, a[href], select, textarea";

/**
 * One control found again in another copy of the page: what it is (a field's name; the field a
 * button shows; else its tag, link target and words) and which of its kind. Not its position:
 * the app's copy may have more controls than the prerendered page (its sign-in providers).
 */
export interface ControlRef {
  key: string;
  nth: number;
}

function controlKey(control: Element): string {
  const name = control.getAttribute("name");
  if (name) return `field:${name}`;
  const controlled = control.getAttribute("aria-controls");
  const controlledName = controlled && document.getElementById(controlled)?.getAttribute("name");
  if (controlledName) return `controls:${controlledName}`;
  const words = control.textContent?.replace(/\s+/g, " ").trim();
  return [
    control.localName,
    control.getAttribute("type"),
    control.getAttribute("href"),
    words,
  ].join("|");
}

function controlsLike(scope: ParentNode, key: string): HTMLElement[] {
  return [...scope.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (control) => controlKey(control) === key,
  );
}

/** Names `control` (under `scope`) so that findControl finds its copy under another scope. */
export function controlRef(scope: ParentNode, control: Element): ControlRef | undefined {
  if (!control.matches(FOCUSABLE)) return undefined;
  const key = controlKey(control);
  const nth = controlsLike(scope, key).indexOf(control as HTMLElement);
  return nth === -1 ? undefined : { key, nth };
}

export function findControl(scope: ParentNode, ref: ControlRef): HTMLElement | undefined {
  return controlsLike(scope, ref.key)[ref.nth];
}

export interface TypedState {
  values: Map<string, string>;
  /** Inputs whose text was shown (their "Show" pressed). */
  shown: Set<string>;
  /** The focused control. */
  focus: ControlRef | undefined;
  selection: [number, number, "forward" | "backward" | "none"] | undefined;
}

function namedInputs(scope: ParentNode): HTMLInputElement[] {
  return [...scope.querySelectorAll<HTMLInputElement>("input[name]")].filter(
    (input) => input.type !== "hidden" && !input.hidden,
  );
}

/** Reads what the person has done under `scope`: only fields they changed count as typed. */
export function captureTypedState(scope: ParentNode): TypedState {
  const values = new Map<string, string>();
  const shown = new Set<string>();
  for (const input of namedInputs(scope)) {
    // A ticked or unticked box, as "on" or "" (its value never changes).
    if (input.type === "checkbox") {
      if (input.checked !== input.defaultChecked) values.set(input.name, input.checked ? "on" : "");
      continue;
    }
    // Untouched fields keep what the new form puts there (an address it was handed, a username
    // it suggests from the email); an emptied one stays empty.
    if (input.value !== input.defaultValue) values.set(input.name, input.value);
    // A password field is the only one whose type changes (its Show button).
    if (input.type === "text" && input.autocomplete.endsWith("password")) shown.add(input.name);
  }
  const active = document.activeElement;
  let focus: TypedState["focus"];
  let selection: TypedState["selection"];
  if (active instanceof HTMLElement && scope.contains(active)) {
    focus = controlRef(scope, active);
    if (active instanceof HTMLInputElement) {
      try {
        if (active.selectionStart != null && active.selectionEnd != null)
          selection = [
            active.selectionStart,
            active.selectionEnd,
            active.selectionDirection ?? "none",
          ];
      } catch {
        // Some input types (email) don't expose a selection.
      }
    }
  }
  return { values, shown, focus, selection };
}

/** Puts `state` into the same fields under `scope`, as typing would have. */
export function restoreTypedState(scope: ParentNode, state: TypedState): void {
  // Through the native setter plus an `input` event, as typing would, so React and the form
  // library see the value (React ignores a plain `.value =` assignment).
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  const inputNamed = (name: string) =>
    scope.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`);
  for (const [name, value] of state.values) {
    const input = inputNamed(name);
    if (input?.type === "checkbox") {
      // A click, as a person's would: the form library hears it.
      if (input.checked !== (value === "on")) input.click();
      continue;
    }
    if (!input || input.value === value || !setValue) continue;
    setValue.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  for (const name of state.shown) {
    const input = inputNamed(name);
    if (input?.type !== "password" || !input.id) continue;
    scope
      .querySelector<HTMLButtonElement>(`button[aria-controls="${CSS.escape(input.id)}"]`)
      ?.click();
  }
  const { focus, selection } = state;
  if (!focus) return;
  const target = findControl(scope, focus);
  if (!target) return;
  target.focus();
  try {
    if (selection && target instanceof HTMLInputElement) target.setSelectionRange(...selection);
  } catch {
    // not supported for this input type
  }
}
