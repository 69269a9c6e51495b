// A press on a button or link is two events, down and up, and the browser clicks only when both
// reach the same element (Space on a button clicks on key up, the element that got the key down).
// A DOM swap between the two (the prerendered page giving way to the app, a form's stand-in to
// the form) leaves the release on the new element and no click on either. This module is the one
// place that knows how a press starts and ends and where its click falls; its users either wait
// for the press to end before swapping (DeferredForm) or finish a cut press on the copy of the
// control (static-handoff.ts). It comes with the entry script, which marks presses before the app
// runs (static-page-controls.ts): in the entry's small chunk shared with the app (vite.config.ts,
// ENTRY_SHARED), so it must stay free of app code.

/** What ends a press. A window blur too: the release then happens somewhere else. */
const RELEASES = ["pointerup", "pointercancel", "keyup", "blur"] as const;

/** Calls `then` once, with the event that ends the press under way. */
function onRelease(then: (release: Event) => void) {
  const release = (event: Event) => {
    // An element's blur reaches this capturing listener too; only the window's counts.
    if (event.type === "blur" && event.target !== window) return;
    for (const type of RELEASES) window.removeEventListener(type, release, true);
    then(event);
  };
  // On the window, capturing: the release may land on an element that did not exist at the press.
  for (const type of RELEASES) window.addEventListener(type, release, true);
}

/** The click a release makes comes after it in the same task: `then` runs once that is past. */
const afterItsClick = (then: () => void) => setTimeout(then);

/**
 * For a swap that can wait: `press()` on every pointer or key down where the swap would happen,
 * and `unlessPressed(swap)` runs the swap at once, or once the press under way has ended and its
 * click has been made on the element it was pressed on.
 */
export function pressGate() {
  let pressed = false;
  let waiting: (() => void) | null = null;
  return {
    press() {
      if (pressed) return;
      pressed = true;
      onRelease(() => {
        pressed = false;
        afterItsClick(() => {
          const task = waiting;
          waiting = null;
          // Pressed again in between: that press's release runs it.
          if (pressed) waiting = task;
          else task?.();
        });
      });
    },
    unlessPressed(task: () => void) {
      if (pressed) waiting = task;
      else task();
    },
  };
}

/** Marks the control being pressed on a page that is about to be swapped (pointer or key down). */
const PRESSED_ATTRIBUTE = "data-pressed";

/** Marks presses under `root` (the prerendered page), for the swap to find (pressedControl). */
export function markPresses(root: HTMLElement) {
  const mark = (event: Event) => {
    const { target } = event;
    // Enter clicks on key down, before any swap can come between; Space clicks on key up.
    if (!(target instanceof Element) || (event instanceof KeyboardEvent && event.key !== " "))
      return;
    target.setAttribute(PRESSED_ATTRIBUTE, "");
    onRelease(() => target.removeAttribute(PRESSED_ATTRIBUTE));
  };
  root.addEventListener("pointerdown", mark);
  root.addEventListener("keydown", mark);
}

/** The button or link under `root` that is pressed and not yet released (markPresses). */
export function pressedControl(root: Element): Element | null {
  const control = root.querySelector(`[${PRESSED_ATTRIBUTE}]`)?.closest("button, a[href]");
  return control && root.contains(control) ? control : null;
}

/**
 * A press begun on a control the swap has just replaced: released on the copy (`findCopy`, asked
 * at the release, since the copy may itself have been replaced meanwhile), the click goes to the
 * copy, unless the browser made one. Released elsewhere, or cancelled, it clicks nothing, as a
 * press dragged off a button does.
 */
export function finishPressOnCopy(findCopy: () => HTMLElement | undefined) {
  onRelease((event) => {
    const copy = findCopy();
    const onCopy = copy && event.target instanceof Node && copy.contains(event.target);
    if (!onCopy || event.type === "pointercancel" || event.type === "blur") return;
    if (event instanceof KeyboardEvent && event.key !== " ") return;
    let clicked = false;
    const noteClick = () => {
      clicked = true;
    };
    copy.addEventListener("click", noteClick, true);
    afterItsClick(() => {
      copy.removeEventListener("click", noteClick, true);
      if (!clicked) findCopy()?.click();
    });
  });
}
