// An upgrade under an open page. Each build names its files by their content, and a new build
// replaces the old files: a page loaded from the old build then asks for code that is gone, and
// gets a 404. That is not the visitor's connection, and trying again never helps. This tells the
// two apart (the file itself is asked for once more: gone, or unreachable), and recovers once:
// the page reloads from the new build, with what was typed in fields that hold no secret (an
// email, a name) kept in this tab's sessionStorage for a moment and put back at once. Never a
// password or a passcode. A second failure within a minute does not reload again (no loops):
// the page says that a new version was deployed and offers to reload.
//
// Imported by the entry script (src/boot.ts) as well as the app: it stays small and imports
// nothing (vite.config.ts puts it in the entry's shared chunk).

const RELOADED_AT = "auth-ui:new-build-reload";
const KEPT = "auth-ui:new-build-fields";
/** At most one reload per tab in this long. */
export const RELOAD_GUARD_MS = 60_000;

/**
 * How the page reloads (a test puts a recorder here: jsdom cannot reload), and whether it is
 * already on its way: several downloads fail together, and all of them wait for the one reload.
 */
export const page = { reload: () => window.location.reload(), leaving: false };

/** An import of our code that failed because this build was replaced. */
export class NewBuildError extends Error {
  constructor(cause: unknown) {
    super("A new version of this page was deployed.", { cause });
    this.name = "NewBuildError";
  }
}

export function isNewBuildError(error: unknown): error is NewBuildError {
  return error instanceof NewBuildError;
}

/** The script a failed import names (Chromium and Firefox say which; Safari does not). */
export function failedModuleUrl(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const match = /\b(https?:\/\/\S+?\.m?js)\b/.exec(message);
  if (!match?.[1]) return undefined;
  try {
    const url = new URL(match[1]);
    return url.origin === window.location.origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The page's entry script: its name changes with any change to the code it loads, so it is gone
 * whenever any of this build's files is.
 */
function entryScript(): string | undefined {
  return document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src || undefined;
}

/**
 * Whether a failed import means that this build is gone: the file it names (else the page's
 * entry script) now answers 404 or 410. Unreachable, or still there: not a new build.
 */
export async function isBuildReplaced(error: unknown): Promise<boolean> {
  const url = failedModuleUrl(error) ?? entryScript();
  if (!url) return false;
  try {
    const answer = await fetch(url, { method: "HEAD", cache: "no-store", credentials: "omit" });
    return answer.status === 404 || answer.status === 410;
  } catch {
    return false;
  }
}

/** A field whose words may be kept across a reload: plain text, never a secret. */
function mayKeep(input: HTMLInputElement): boolean {
  if (!input.name || !["email", "text", "search", "tel", "url"].includes(input.type)) return false;
  // A shown password is type=text: its autocomplete still says what it is.
  if (/password|one-time-code|cc-/i.test(input.autocomplete)) return false;
  return !/pass|otp|code|token|secret/i.test(input.name);
}

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * Reloads the page for the new build, keeping the non-secret fields under `scope`. Returns false
 * (and does nothing) when it cannot keep them, or when this tab already reloaded for a new build
 * within RELOAD_GUARD_MS, unless `asked` (the visitor pressed Reload).
 */
export function reloadForNewBuild(scope: ParentNode = document, asked = false): boolean {
  if (page.leaving) return true;
  const store = storage();
  if (!store) {
    if (asked) leave();
    return asked;
  }
  try {
    const last = Number(store.getItem(RELOADED_AT) ?? 0);
    if (!asked && Date.now() - last < RELOAD_GUARD_MS) return false;
    const fields: Record<string, string> = {};
    for (const input of scope.querySelectorAll<HTMLInputElement>("input[name]")) {
      if (mayKeep(input) && input.value !== "" && input.value !== input.defaultValue)
        fields[input.name] = input.value;
    }
    const active = document.activeElement;
    const focus =
      active instanceof HTMLInputElement && scope.contains(active) && active.name
        ? active.name
        : undefined;
    store.setItem(RELOADED_AT, String(Date.now()));
    store.setItem(KEPT, JSON.stringify({ at: Date.now(), fields, focus }));
  } catch {
    // Storage full or refused: reload only when asked to (what was typed is lost then).
    if (!asked) return false;
  }
  leave();
  return true;
}

function leave() {
  page.leaving = true;
  page.reload();
}

/**
 * After such a reload: puts the kept fields back into the empty fields of the same name under
 * `scope`, and the focus where it was, and forgets them at once, whether or not a field took them.
 */
export function restoreKeptFields(scope: ParentNode): void {
  const store = storage();
  let kept: { at?: unknown; fields?: unknown; focus?: unknown } | undefined;
  try {
    const text = store?.getItem(KEPT);
    if (!text) return;
    store?.removeItem(KEPT);
    kept = JSON.parse(text) as typeof kept;
  } catch {
    return;
  }
  if (typeof kept?.at !== "number" || Date.now() - kept.at > RELOAD_GUARD_MS) return;
  if (typeof kept.fields !== "object" || kept.fields === null) return;
  for (const [name, value] of Object.entries(kept.fields as Record<string, unknown>)) {
    if (typeof value !== "string") continue;
    const input = scope.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`);
    if (input?.value !== "" || !mayKeep(input)) continue;
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  // The field that had the focus has it again (the reload came at the first use of the form).
  if (typeof kept.focus === "string") {
    scope.querySelector<HTMLInputElement>(`input[name="${CSS.escape(kept.focus)}"]`)?.focus();
  }
}

/**
 * For an import of our code that failed: when the build was replaced, reload for the new one
 * (the returned promise then never settles: the page is leaving) or, if that cannot be done,
 * reject with a NewBuildError; otherwise reject with the error as it was.
 */
export async function recoverFromNewBuild(error: unknown): Promise<never> {
  if (await isBuildReplaced(error)) {
    if (reloadForNewBuild()) return new Promise<never>(() => {});
    throw new NewBuildError(error);
  }
  throw error;
}
