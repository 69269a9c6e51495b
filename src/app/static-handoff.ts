// The prerendered page is interactive HTML before the app starts: someone may already be typing.
// The app renders into a hidden sibling; at its first commit (before the browser paints) the two
// are swapped, carrying over what was typed and where the cursor was. Nothing typed in between
// can be lost, because the static page stays live until that very moment.

const STATIC_ID = "root";
const APP_ID = "app";

/** The element the app renders into, created next to the static page. */
export function createAppContainer(): HTMLElement {
  const staticRoot = document.getElementById(STATIC_ID);
  if (!staticRoot) throw new Error("index.html has no #root element");
  const app = document.createElement("div");
  app.id = APP_ID;
  // Hidden until it takes over, unless there is no static page to keep showing.
  app.hidden = staticRoot.childElementCount > 0;
  staticRoot.after(app);
  return app;
}

/** Call from a layout effect of the first render. Safe to call again (does nothing). */
export function takeOverStaticPage(): void {
  const staticRoot = document.getElementById(STATIC_ID);
  const app = document.getElementById(APP_ID);
  if (!staticRoot || !app) return;

  const values = new Map<string, string>();
  for (const input of staticRoot.querySelectorAll<HTMLInputElement>("input[name]")) {
    if (input.type !== "hidden" && input.value !== "") values.set(input.name, input.value);
  }
  const active = document.activeElement;
  const focused =
    active instanceof HTMLInputElement && staticRoot.contains(active) ? active : undefined;
  let selection: [number, number] | undefined;
  try {
    if (focused?.selectionStart != null && focused.selectionEnd != null)
      selection = [focused.selectionStart, focused.selectionEnd];
  } catch {
    // Some input types (email) don't expose a selection.
  }

  staticRoot.remove();
  app.hidden = false;

  // Values go in through the native setter plus an `input` event, as typing would, so React and
  // the form library see them (React ignores a plain `.value =` assignment).
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  const inputNamed = (name: string) =>
    app.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`);
  for (const [name, value] of values) {
    const input = inputNamed(name);
    if (!input || input.value === value || !setValue) continue;
    setValue.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  if (!focused?.name) return;
  const target = inputNamed(focused.name);
  target?.focus();
  try {
    if (target && selection) target.setSelectionRange(selection[0], selection[1]);
  } catch {
    // not supported for this input type
  }
}
