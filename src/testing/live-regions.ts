// What a screen reader would be told, as far as a test can see it: the text of every live region
// (role alert, status or log, or aria-live other than "off"), leaving out what is aria-hidden.
// Record it after every step; each change to a non-empty text is one announcement.

const LIVE = '[role="alert"], [role="status"], [role="log"], [aria-live]:not([aria-live="off"])';

function spokenText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
  if (!(node instanceof Element) || node.getAttribute("aria-hidden") === "true") return "";
  return Array.from(node.childNodes, spokenText).join("");
}

/** Each live region's spoken text, outermost regions only (a region inside one speaks with it). */
function liveRegionTexts(root: ParentNode = document): string[] {
  return Array.from(root.querySelectorAll(LIVE))
    .filter((region) => !region.parentElement?.closest(LIVE))
    .map((region) => spokenText(region).replace(/\s+/g, " ").trim());
}

/** Records live-region texts snapshot by snapshot and lists what was announced, in order. */
export function announcementRecorder(root: ParentNode = document) {
  let previous: string[] = liveRegionTexts(root);
  const heard: string[] = [];
  return {
    snapshot() {
      const current = liveRegionTexts(root);
      current.forEach((text, i) => {
        if (text !== "" && text !== previous[i]) heard.push(text);
      });
      previous = current;
    },
    heard,
  };
}
