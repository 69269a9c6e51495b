// The one stylesheet of the mock's pages (served at STYLESHEET_PATH): the app's look in a few
// lines, light or dark from the system setting. A file of its own because the strict CSP the
// pages are sent with forbids inline styles.
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
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0b0f19;
    --surface: #131a29;
    --text: #f3f4f6;
    --muted: #b4bcc8;
    --border: #3b4658;
    --accent: #93b4ff;
    --accent-text: #0b0f19;
    --focus: #93b4ff;
    --note-bg: #0f1d3a;
  }
}
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
`;
