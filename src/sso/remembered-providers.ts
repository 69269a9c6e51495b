// How many sign-in providers this deployment showed last time, so the next visit's sign-in page
// keeps room for their buttons until the deployment says again: the prerendered page cannot know
// them, and a form that jumps down under the pointer when they arrive is the worst moment to move
// it. Not a secret (the page shows the buttons to anyone) and only a layout hint: the buttons
// themselves always come from the server. The entry script reads the same key
// (src/app/static-page-controls.ts; a test holds the two together).
const REMEMBERED_PROVIDERS_KEY = "coder-auth-ui.sign-in-providers";

/** The most the hint keeps room for; Coder offers GitHub and one OpenID Connect provider. */
const MAX_REMEMBERED_PROVIDERS = 4;

export function rememberedProviders(): number {
  try {
    const count = Number(localStorage.getItem(REMEMBERED_PROVIDERS_KEY));
    return Number.isInteger(count) && count > 0 ? Math.min(count, MAX_REMEMBERED_PROVIDERS) : 0;
  } catch {
    return 0;
  }
}

export function rememberProviders(count: number) {
  try {
    if (count > 0) localStorage.setItem(REMEMBERED_PROVIDERS_KEY, String(count));
    else localStorage.removeItem(REMEMBERED_PROVIDERS_KEY);
  } catch {
    // storage blocked: only the layout hint is lost
  }
}
