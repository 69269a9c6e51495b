// The prerendered page is interactive HTML before the app starts: someone may already be typing.
// The app renders into a hidden sibling; at its first commit (before the browser paints) the two
// are swapped, carrying over what was typed and where the cursor was. Nothing typed in between
// can be lost, because the static page stays live until that very moment.

import {
  type ControlRef,
  captureTypedState,
  controlRef,
  findControl,
  restoreTypedState,
} from "../components/typed-state.ts";

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

  const typed = captureTypedState(staticRoot);
  // Marked by static-page-controls.ts (the entry script), which the app doesn't import.
  const pressed = staticRoot.querySelector("[data-pressed]")?.closest("button, a[href]");
  const pressedRef = pressed && staticRoot.contains(pressed) && controlRef(staticRoot, pressed);
  // A submit asked for before the app ran (static-page-controls.ts), sent now, once.
  const submitted = [...staticRoot.querySelectorAll("form")].findIndex((form) =>
    form.hasAttribute("data-submit-asked"),
  );
  staticRoot.remove();
  app.hidden = false;
  restoreTypedState(app, typed);
  if (pressedRef) finishPress(app, pressedRef);
  if (submitted !== -1) app.querySelectorAll("form").item(submitted)?.requestSubmit();
}

/**
 * A button or link pressed on the static page and released on the app's copy: a browser clicks
 * neither (press and release hit different elements; Space clicks only the element that got the
 * key down). Released on the copy, the click goes to the copy, unless the browser sent one.
 */
function finishPress(app: HTMLElement, pressed: ControlRef) {
  let clicked = false;
  const noteClick = () => {
    clicked = true;
  };
  const events = ["pointerup", "pointercancel", "keyup"] as const;
  const release = (event: Event) => {
    for (const type of events) window.removeEventListener(type, release, true);
    // Found again now: the copy may itself have been replaced meanwhile (a form whose code
    // arrived, see DeferredForm).
    const target = findControl(app, pressed);
    const onTarget = target && event.target instanceof Node && target.contains(event.target);
    if (!onTarget || event.type === "pointercancel") return;
    if (event instanceof KeyboardEvent && event.key !== " ") return;
    target.addEventListener("click", noteClick, true);
    // The browser's own click, if any, follows the release in the same task.
    setTimeout(() => {
      target.removeEventListener("click", noteClick, true);
      if (!clicked) findControl(app, pressed)?.click();
    });
  };
  for (const type of events) window.addEventListener(type, release, true);
}
