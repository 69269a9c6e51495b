// The one stylesheet of the mock's pages (served at STYLESHEET_PATH): the app's look in a few
// lines, light or dark from the system setting, or from `data-theme` on the root element (the
// dashboard stand-in follows the user's appearance setting, as Coder's dashboard does). A file
// of its own because the strict CSP the pages are sent with forbids inline styles. The dashboard stand-in has a header bar; the other
// pages (mailbox, fake identity provider, fake GitHub device page, Coder's static error page)
// are a lone <main>, drawn as the app's card, and their plain markup (lists of choices, forms)
// is styled as the app's controls, so they need no classes.
export const MOCK_STYLESHEET = `:root {
  color-scheme: light dark;
  --bg: #f6f7f9;
  --surface: #ffffff;
  --text: #111827;
  --muted: #4b5563;
  --border: #c9ced6;
  --accent: #1d4ed8;
  --accent-text: #ffffff;
  --focus: #2563eb;
  --note-bg: #eff6ff;
  --danger: #b91c1c;
  --danger-bg: #fef2f2;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme="light"]) {
    --bg: #0b0f19;
    --surface: #131a29;
    --text: #f3f4f6;
    --muted: #b4bcc8;
    --border: #3b4658;
    --accent: #93b4ff;
    --accent-text: #0b0f19;
    --focus: #93b4ff;
    --note-bg: #0f1d3a;
    --danger: #fca5a5;
    --danger-bg: #2a1215;
  }
}
:root[data-theme="dark"] {
  color-scheme: dark;
  --bg: #0b0f19;
  --surface: #131a29;
  --text: #f3f4f6;
  --muted: #b4bcc8;
  --border: #3b4658;
  --accent: #93b4ff;
  --accent-text: #0b0f19;
  --focus: #93b4ff;
  --note-bg: #0f1d3a;
  --danger: #fca5a5;
  --danger-bg: #2a1215;
}
:root[data-theme="light"] { color-scheme: light; }
*, *::before, *::after { box-sizing: border-box; }
body {
  margin: 0;
  min-height: 100vh;
  background: var(--bg);
  color: var(--text);
  font: 16px / 1.5 var(--font);
  overflow-wrap: anywhere;
}
a { color: var(--accent); text-underline-offset: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
h1, h2 { line-height: 1.25; margin: 0 0 0.5rem; }
h1 { font-size: 1.5rem; }
h2 { font-size: 1.125rem; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
main > * + * { margin-top: 1rem; }
.bar {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.75rem 1.5rem;
  padding: 0.75rem 1rem;
  background: var(--surface);
  border-bottom: 1px solid var(--border);
}
.brand { font-weight: 700; color: var(--text); text-decoration: none; }
.bar ul { display: flex; gap: 1rem; margin: 0; padding: 0; list-style: none; }
.bar [aria-current="page"] { font-weight: 600; }
.account { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; margin-left: auto; }
.account form { margin: 0; }
button {
  font: inherit;
  min-height: 2.5rem;
  padding: 0.375rem 1rem;
  border-radius: 8px;
  border: 1px solid var(--border);
  background: var(--surface);
  color: var(--text);
  cursor: pointer;
}
.card {
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 8px;
  padding: 1rem 1.25rem;
}
.note { background: var(--note-bg); border-radius: 8px; padding: 0.75rem 1rem; color: var(--text); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; }
code { font-size: 0.9em; }
/* The dashboard stand-in's own pieces: user menu, settings sidebar, tables, banners. */
.menu { position: relative; }
.menu-items {
  position: absolute;
  right: 0;
  z-index: 1;
  min-width: 10rem;
  margin: 0.25rem 0 0;
  padding: 0.5rem;
  list-style: none;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 8px;
}
.menu-items li + li { margin-top: 0.25rem; }
.menu-items a, .menu-items button { display: block; width: 100%; text-align: left; padding: 0.375rem 0.5rem; }
main.settings { display: flex; flex-wrap: wrap; gap: 1.5rem; max-width: 64rem; }
main.settings > * + * { margin-top: 0; }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar li + li { margin-top: 0.25rem; }
.sidebar [aria-current="page"] { font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.5rem; }
th, td { text-align: left; padding: 0.375rem 0.5rem; border-bottom: 1px solid var(--border); }
.note.danger { background: var(--danger-bg); color: var(--danger); }
.loading { padding: 1.5rem 1rem; color: var(--muted); }
/* The mock's own pages: a lone <main> (no dashboard bar above it). */
body > main:first-child {
  max-width: 36rem;
  margin: clamp(1rem, 6vh, 4rem) auto 2rem;
  padding: clamp(1.25rem, 5vw, 2rem);
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 12px;
  overflow-wrap: break-word;
}
body > main:first-child > * + * { margin-top: 0.75rem; }
body > main:first-child h1 { margin-bottom: 1.25rem; }
body > main:first-child p { margin: 0 0 0.75rem; }
body > main:first-child code { overflow-wrap: anywhere; }
body > main:first-child li + li { margin-top: 0.5rem; }
/* A list of choices (continue as…, authorize as…): each one a button. */
body > main:first-child ul:has(> li > a:first-child, > li > form) { list-style: none; padding: 0; }
body > main:first-child li > a:first-child {
  display: inline-flex;
  align-items: center;
  min-height: 2.75rem;
  padding: 0.5rem 1rem;
  border: 1px solid var(--border);
  border-radius: 8px;
  background: var(--surface);
  color: var(--text);
  font-weight: 600;
  text-decoration: none;
}
body > main:first-child li > a:first-child:hover { background: var(--bg); }
body > main:first-child li > form {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.5rem;
  color: var(--muted);
}
body > main:first-child button { min-height: 2.75rem; padding: 0.5rem 1rem; font-weight: 600; }
body > main:first-child form > p > button[type="submit"] {
  background: var(--accent);
  border-color: var(--accent);
  color: var(--accent-text);
}
/* The mailbox: one card per email. */
body > main:first-child ol { padding: 0; list-style: none; }
body > main:first-child article { padding: 1rem; border: 1px solid var(--border); border-radius: 8px; }
body > main:first-child article h2 { margin-bottom: 0.25rem; }
body > main:first-child article p:last-child { margin-bottom: 0; }
body > main:first-child label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
body > main:first-child label + br { display: none; }
body > main:first-child input {
  width: 100%;
  min-height: 2.75rem;
  padding: 0.5rem 0.75rem;
  font: inherit;
  color: var(--text);
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 8px;
}
body > main:first-child input[aria-invalid="true"] { border: 2px solid var(--danger); }
body > main:first-child [role="alert"] {
  padding: 0.75rem 1rem;
  border-left: 4px solid currentColor;
  border-radius: 8px;
  background: var(--danger-bg);
  color: var(--danger);
}
`;
