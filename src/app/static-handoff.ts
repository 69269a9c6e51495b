// The prerendered page is interactive HTML before the app starts: someone may already be typing.
// When React renders over it, carry over what was typed and where the cursor was.

interface Snapshot {
  values: Map<string, string>;
  focusedName: string | undefined;
  selection: [number, number] | undefined;
}

let snapshot: Snapshot | undefined;

/** Read the static form state. Call once, before the first render replaces the markup. */
export function captureStaticPage(container: HTMLElement): void {
  if (!container.hasAttribute("data-prerendered")) return;
  const values = new Map<string, string>();
  for (const input of container.querySelectorAll<HTMLInputElement>("input[name]")) {
    if (input.type !== "hidden" && input.value !== "") values.set(input.name, input.value);
  }
  const active = document.activeElement;
  const focused =
    active instanceof HTMLInputElement && container.contains(active) ? active : undefined;
  let selection: [number, number] | undefined;
  try {
    if (focused && focused.selectionStart !== null && focused.selectionEnd !== null)
      selection = [focused.selectionStart, focused.selectionEnd];
  } catch {
    // Some input types (email) don't expose a selection.
  }
  snapshot = { values, focusedName: focused?.name, selection };
  container.removeAttribute("data-prerendered");
}

/**
 * After the first render: refill what was typed and put the cursor back. Values go in through the
 * native setter plus an `input` event, exactly as typing would, so React and the form library see
 * them (React ignores a plain `.value =` assignment).
 */
export function restoreStaticPage(container: HTMLElement): void {
  const state = snapshot;
  snapshot = undefined;
  if (!state) return;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  for (const [name, value] of state.values) {
    const input = container.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`);
    if (input?.value !== "" || !setValue) continue;
    setValue.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  if (!state.focusedName) return;
  const focused = container.querySelector<HTMLInputElement>(
    `input[name="${CSS.escape(state.focusedName)}"]`,
  );
  if (!focused) return;
  focused.focus();
  try {
    if (state.selection) focused.setSelectionRange(state.selection[0], state.selection[1]);
  } catch {
    // not supported for this input type
  }
}
