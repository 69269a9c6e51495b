// The prerendered page is interactive HTML before the app starts: someone may already be typing.
// The app renders into a hidden sibling; at its first commit (before the browser paints) the two
// are swapped, carrying over what was typed and where the cursor was. Nothing typed in between
// can be lost, because the static page stays live until that very moment.

import { finishPressOnCopy, pressedControl } from "../components/press.ts";
import {
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
  // Marked by the entry script (static-page-controls.ts), which the app doesn't import.
  const pressed = pressedControl(staticRoot);
  const pressedRef = pressed && controlRef(staticRoot, pressed);
  // A submit asked for before the app ran (static-page-controls.ts), sent now, once.
  const submitted = [...staticRoot.querySelectorAll("form")].findIndex((form) =>
    form.hasAttribute("data-submit-asked"),
  );
  staticRoot.remove();
  app.hidden = false;
  restoreTypedState(app, typed);
  // Pressed here, released on the app's copy: no click unless it is finished there. Found again
  // at the release: the copy may itself have been replaced meanwhile (DeferredForm).
  if (pressedRef) finishPressOnCopy(() => findControl(app, pressedRef));
  if (submitted !== -1) app.querySelectorAll("form").item(submitted)?.requestSubmit();
}
