/**
 * Copy `text` to the clipboard. The Clipboard API first; where it is missing (plain http is not a
 * secure context) or refused, the field holding the text is selected and the old copy command
 * tried. "manual" means neither worked: the text is selected, and the person copies it with the
 * keyboard. Nothing here is blocked by a strict Content-Security-Policy.
 */
export async function copyText(
  text: string,
  field: HTMLInputElement | null,
): Promise<"copied" | "manual"> {
  try {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      await navigator.clipboard.writeText(text);
      return "copied";
    }
  } catch {
    // Refused (permission, focus, policy): fall back below.
  }
  if (!field) return "manual";
  field.focus();
  field.select();
  try {
    if (typeof document.execCommand === "function" && document.execCommand("copy")) return "copied";
  } catch {
    // Not supported.
  }
  return "manual";
}
