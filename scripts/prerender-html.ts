// Puts a prerendered page into the app's HTML shell: the build does it for dist/, the dev server
// for each request (scripts/dev-prerender.ts), so both paint the same static page first.

export interface ShellPage {
  /** The app route, recorded on #root so the client knows what it is taking over. */
  path: string;
  /** The whole title, as the page sets it. */
  title: string;
  /** What the page says to a browser without JavaScript, in place of the shell's generic line. */
  noscript?: string;
}

/** Where a page's card takes its no-script line (AuthLayout marks it in the static render). */
const NOSCRIPT_SLOT = '<template data-noscript-slot=""></template>';

export function fillShell(shell: string, page: ShellPage, markup: string): string {
  // The page's own line goes into its card, under the heading, where the reader looks: the
  // shell's generic one sat under the whole page.
  const inCard = page.noscript !== undefined && markup.includes(NOSCRIPT_SLOT);
  const filled = inCard
    ? markup.replace(NOSCRIPT_SLOT, `<noscript><p class="noscript">${page.noscript}</p></noscript>`)
    : markup.replaceAll(NOSCRIPT_SLOT, "");
  const html = shell
    .replace(/<title>[^<]*<\/title>/, `<title>${page.title}</title>`)
    .replace(/<noscript><p class="noscript">[^<]*<\/p><\/noscript>/, (all) =>
      inCard
        ? ""
        : page.noscript
          ? `<noscript><p class="noscript">${page.noscript}</p></noscript>`
          : all,
    )
    .replace(
      '<div id="root"></div>',
      `<div id="root" data-prerendered="${page.path}">${filled}</div>`,
    );
  if (!html.includes(`data-prerendered="${page.path}"`))
    throw new Error("the HTML shell has no empty #root to fill");
  return html;
}
