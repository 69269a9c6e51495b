// The prerendered page is plain HTML until the app takes over: its fields take typing, its
// buttons have no code behind them. This part comes with the entry script, long before the app:
// it shows the sign-in page's message, lets "Forgot password?" take the typed address along,
// remembers a submit for the app to send, makes "Show password" work at once (the takeover
// carries the shown field over like typing), and marks a press under way, so that a press the
// takeover cuts in two is finished on the app's copy of the control (components/press.ts). The
// app's code never imports this file, so it stays inside the entry script; what it shares with
// the app (the messages, the press) is one small chunk (vite.config.ts, "entry-shared").
import { markPresses } from "../components/press.ts";
import { loginMessage } from "../session/login-messages.ts";

function revealPasswords(root: HTMLElement) {
  root.addEventListener("click", (event) => {
    const button =
      event.target instanceof Element ? event.target.closest("button.reveal[aria-controls]") : null;
    if (!button) return;
    const input = document.getElementById(button.getAttribute("aria-controls") ?? "");
    if (!(input instanceof HTMLInputElement) || !root.contains(input)) return;
    const show = input.type === "password";
    input.type = show ? "text" : "password";
    // The button reads "Show <hidden field name>": its first text is the word.
    const word = button.firstChild;
    if (word?.nodeType === Node.TEXT_NODE) word.textContent = show ? "Hide" : "Show";
  });
}

/**
 * The message `/login?message=` names, where the page marks its place: the markup of the sign-in
 * page's notice (Alert), so that it is there from the first frame instead of pushing the form
 * down when the app arrives. Only known messages, in our words (login-messages.ts).
 */
function showNotice(root: HTMLElement) {
  const slot = root.querySelector("template[data-notice-slot]");
  const notice = loginMessage(new URLSearchParams(location.search).get("message"));
  if (!slot || !notice) return;
  const alert = document.createElement("div");
  alert.className = `alert ${notice.tone}`;
  alert.setAttribute("role", notice.tone === "error" ? "alert" : "status");
  const text = document.createElement("p");
  text.textContent = notice.text;
  alert.append(text);
  slot.replaceWith(alert);
}

/**
 * "Forgot password?" takes the address typed so far, as the app's link does (there in the
 * history state; here, with no app to hold it, in `?email=`, which the reset page reads too).
 */
function carryEmailToReset(root: HTMLElement) {
  root.addEventListener("click", (event) => {
    const link =
      event.target instanceof Element
        ? event.target.closest<HTMLAnchorElement>('a[href^="/reset-password"]')
        : null;
    const field = link?.closest("form")?.elements.namedItem("email");
    if (!link || !(field instanceof HTMLInputElement)) return;
    const email = field.value.trim();
    link.href = email ? `/reset-password?${new URLSearchParams({ email })}` : "/reset-password";
  });
}

/**
 * The prerendered submit buttons come disabled, so that nothing submits before any script runs
 * (a native submission would post the form, password and all, to the static server). From here
 * on a submit is caught instead, so they work: the form is marked, and the app sends it once it
 * has taken over (static-handoff.ts).
 */
function holdSubmits(root: HTMLElement) {
  for (const button of root.querySelectorAll<HTMLButtonElement>('form button[type="submit"]'))
    button.disabled = false;
  root.addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    form.setAttribute("data-submit-asked", "");
    // Shown as sent ("Signing in…"), as the app's button will show it.
    const button = form.querySelector<HTMLButtonElement>("button[data-pending-label]");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    const spinner = document.createElement("span");
    spinner.className = "spinner";
    spinner.setAttribute("aria-hidden", "true");
    button.setAttribute("aria-disabled", "true");
    button.replaceChildren(spinner, button.dataset.pendingLabel ?? "");
  });
}

/** Wires the prerendered page under `root`, if there is one. */
export function enableStaticPage(root: HTMLElement | null) {
  if (!root || root.childElementCount === 0) return;
  showNotice(root);
  markPresses(root);
  revealPasswords(root);
  carryEmailToReset(root);
  holdSubmits(root);
}
