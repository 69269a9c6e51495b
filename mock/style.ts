// The one stylesheet of the mock's own pages (mailbox, fake identity provider, fake GitHub device
// page, Coder's static error page), served at STYLESHEET_PATH: the app's look in a few lines,
// light or dark from the system setting. A file of its own because the strict CSP forbids inline
// styles. It styles the pages' plain markup (main, lists of choices, forms), so the pages need no
// classes and stay plain documents.
export const STYLESHEET_PATH = "/__mock/style.css";

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
  --danger: #b91c1c;
  --danger-bg: #fef2f2;
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
    --danger: #fca5a5;
    --danger-bg: #2a1215;
  }
}
*, *::before, *::after { box-sizing: border-box; }
body {
  margin: 0;
  min-height: 100vh;
  padding: clamp(1rem, 6vh, 4rem) 0.5rem 2rem;
  background: var(--bg);
  color: var(--text);
  font: 16px / 1.5 var(--font);
  overflow-wrap: break-word;
}
main {
  max-width: 36rem;
  margin: 0 auto;
  padding: clamp(1.25rem, 5vw, 2rem);
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 12px;
}
h1, h2 { line-height: 1.25; margin: 0 0 0.75rem; }
h1 { font-size: 1.5rem; margin-bottom: 1.25rem; }
h2 { font-size: 1.125rem; }
p { margin: 0 0 0.75rem; }
a { color: var(--accent); text-underline-offset: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
code { font-size: 0.9em; overflow-wrap: anywhere; }
ul, ol { padding-left: 1.25rem; }
li + li { margin-top: 0.5rem; }
/* A list of choices (continue as…, authorize as…): each one a full-width button. */
ul:has(> li > a:first-child, > li > form) { list-style: none; padding: 0; }
li > a:first-child, li > form > button {
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
li > a:first-child:hover, li > form > button:hover { background: var(--bg); }
li > form { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0; color: var(--muted); }
/* The mailbox: one card per email. */
ol { padding: 0; list-style: none; }
article {
  padding: 1rem;
  border: 1px solid var(--border);
  border-radius: 8px;
}
article h2 { margin-bottom: 0.25rem; }
article p:last-child { margin-bottom: 0; }
label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
label + br { display: none; }
input {
  width: 100%;
  min-height: 2.75rem;
  padding: 0.5rem 0.75rem;
  font: inherit;
  color: var(--text);
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 8px;
}
input[aria-invalid="true"] { border: 2px solid var(--danger); }
button {
  min-height: 2.75rem;
  padding: 0.5rem 1rem;
  font: inherit;
  font-weight: 600;
  border: 1px solid var(--border);
  border-radius: 8px;
  background: var(--surface);
  color: var(--text);
  cursor: pointer;
}
button[type="submit"]:only-child, form > p > button[type="submit"] {
  background: var(--accent);
  border-color: var(--accent);
  color: var(--accent-text);
}
[role="alert"] {
  padding: 0.75rem 1rem;
  border-left: 4px solid currentColor;
  border-radius: 8px;
  background: var(--danger-bg);
  color: var(--danger);
}
`;
