// The entry point. The signed-out pages arrive as finished HTML; let the browser show that
// first, then start the app (which renders the same page over it, keeping what was typed).
import "./app/styles.css";
import { enableStaticPage } from "./app/static-page-controls.ts";
import { showRememberedTheme } from "./app/theme-first-frame.ts";
import { recoverFromNewBuild, restoreKeptFields } from "./components/new-build.ts";

// This script holds the first frame (scripts/render-blocking-entry.ts): the frame is in the theme.
showRememberedTheme(window.location.pathname);
const root = document.getElementById("root");
// Back from a reload for a new build: what was typed before it (never a secret) goes back in.
if (root) restoreKeptFields(root);
enableStaticPage(root);

let started = false;
function start() {
  if (started) return;
  started = true;
  // A new build may have replaced this one since the page came (./components/new-build.ts).
  void import("./main.tsx").catch(recoverFromNewBuild);
}

/**
 * The app's downloads (about 100 KB) wait until the prerendered page is on screen, not merely
 * painted: a frame is shown some time after the main thread paints it, and downloads started in
 * between compete with it. The paint-timing entry arrives once the frame is shown. Without it
 * (or if the page never paints), a frame and a short wait.
 */
function afterFirstContentfulPaint(then: () => void) {
  const fallback = () => requestAnimationFrame(() => setTimeout(then, FALLBACK_MS));
  if (!PerformanceObserver.supportedEntryTypes?.includes("paint")) return fallback();
  const observer = new PerformanceObserver((list) => {
    if (!list.getEntriesByName("first-contentful-paint").length) return;
    observer.disconnect();
    then();
  });
  observer.observe({ type: "paint", buffered: true });
  fallback();
}
const FALLBACK_MS = 500;

// Nothing to show first (a page that is not prerendered), or nobody watching: start at once.
if (!root?.childElementCount || document.visibilityState === "hidden") start();
else afterFirstContentfulPaint(start);
