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

export function fillShell(shell: string, page: ShellPage, markup: string): string {
  const html = shell
    .replace(/<title>[^<]*<\/title>/, `<title>${page.title}</title>`)
    .replace(/(<p class="noscript">)[^<]*(<\/p>)/, (all, open: string, close: string) =>
      page.noscript ? `${open}${page.noscript}${close}` : all,
    )
    .replace(
      '<div id="root"></div>',
      `<div id="root" data-prerendered="${page.path}">${markup}</div>`,
    );
  if (!html.includes(`data-prerendered="${page.path}"`))
    throw new Error("the HTML shell has no empty #root to fill");
  return html;
}
