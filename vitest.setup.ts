import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { resetCoderPage } from "./src/api/coder-page.ts";

// Whole pages load lazily (their code, then their form's): on a busy 2-core machine the first
// test of a file can need more than Testing Library's default second.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  // Files share a page (isolate: false): leave it as a fresh one.
  for (const meta of document.head.querySelectorAll('meta[property="csrf-token"]')) meta.remove();
  localStorage.clear();
  sessionStorage.clear();
  // What Coder's page said is kept for the life of a page; each test is a new page.
  resetCoderPage();
});

/**
 * jsdom has `<dialog>` but not its methods. This stands in for the browser's part: showModal
 * opens and focuses the first control, Escape fires a cancelable `cancel` then closes. Focus
 * trapping by inertness can't be imitated here; the e2e suite checks it in a real browser.
 */
const dialogProto = HTMLDialogElement.prototype;
if (typeof dialogProto.showModal !== "function") {
  dialogProto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
    this.querySelector<HTMLElement>("input:not([hidden]), button, a[href]")?.focus();
  };
  dialogProto.show = dialogProto.showModal;
  dialogProto.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
  document.addEventListener("keydown", (event) => {
    const dialog = document.querySelector<HTMLDialogElement>("dialog[open]");
    if (event.key !== "Escape" || !dialog) return;
    if (dialog.dispatchEvent(new Event("cancel", { cancelable: true }))) dialog.close();
  });
}
