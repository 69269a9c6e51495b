// The entry point. The signed-out pages arrive as finished HTML; let the browser paint that
// first, then start the app (which renders the same page over it, keeping what was typed).
// Everything the app needs is still requested at once: only its execution waits one frame.
import "./app/styles.css";
import { enableStaticPage } from "./app/static-page-controls.ts";

enableStaticPage(document.getElementById("root"));

let started = false;
function start() {
  if (started) return;
  started = true;
  void import("./main.tsx");
}

if (document.visibilityState === "hidden") start();
else requestAnimationFrame(() => setTimeout(start, 0));
