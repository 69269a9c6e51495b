// The small part of Markdown that an announcement banner's message may use (Coder renders it as
// inline Markdown): **strong**, *emphasis*, `code` and [links](https://…). Parsed into a tree
// that the UI renders as elements and text; nothing is ever HTML. Markup in the message is text,
// a link that is not an absolute http(s) URL keeps its words and loses the link.
import { httpUrl } from "./external-url.ts";

export type InlineNode =
  | { kind: "text"; text: string }
  | { kind: "strong"; children: InlineNode[] }
  | { kind: "em"; children: InlineNode[] }
  | { kind: "code"; text: string }
  | { kind: "link"; href: string; children: InlineNode[] };

/** Messages are a line or two; a longer one is cut rather than parsed at any length. */
const MAX_MESSAGE_CHARS = 4000;
/** Deeper nesting than this is read as text (it never happens in a real message). */
const MAX_DEPTH = 4;

const ESCAPABLE = /[\\`*_[\]()#+\-.!<>{}|~]/;
const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);
const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

interface Context {
  depth: number;
  /** Inside a link's words: no link within a link. */
  inLink: boolean;
  /** Characters the search for closing brackets and delimiters may still look at. */
  budget: { steps: number };
}

/**
 * Looking for a closer is linear per opener; a message of nothing but openers would make that
 * quadratic. Past this many steps the rest of the message is read as text.
 */
const SEARCH_BUDGET = 100_000;

export function parseInlineMarkdown(message: string): InlineNode[] {
  const source = message.slice(0, MAX_MESSAGE_CHARS).replace(/\s*\r?\n\s*/g, " ");
  return parse(source, { depth: 0, inLink: false, budget: { steps: SEARCH_BUDGET } });
}

function parse(source: string, context: Context): InlineNode[] {
  const nodes: InlineNode[] = [];
  let text = "";
  const flush = () => {
    if (text !== "") nodes.push({ kind: "text", text });
    text = "";
  };
  const push = (node: InlineNode) => {
    flush();
    nodes.push(node);
  };

  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    const next = source[i + 1];

    if (char === "\\" && next !== undefined && ESCAPABLE.test(next)) {
      text += next;
      i += 2;
      continue;
    }

    if (char === "`") {
      const run = /^`+/.exec(source.slice(i))?.[0] ?? "`";
      const end = source.indexOf(run, i + run.length);
      if (end !== -1) {
        push({ kind: "code", text: source.slice(i + run.length, end).trim() || " " });
        i = end + run.length;
        continue;
      }
      text += run;
      i += run.length;
      continue;
    }

    if (context.depth < MAX_DEPTH) {
      if (char === "[" && !context.inLink) {
        const link = readLink(source, i, context.budget);
        if (link) {
          const children = parse(link.words, {
            ...context,
            depth: context.depth + 1,
            inLink: true,
          });
          const href = httpUrl(link.target);
          if (href) push({ kind: "link", href, children });
          else {
            flush();
            nodes.push(...children);
          }
          i = link.end;
          continue;
        }
      }

      if (char === "*" || char === "_") {
        const double = next === char;
        const delimiter = double ? char + char : char;
        const end = closingDelimiter(source, i, delimiter, context.budget);
        if (end !== -1) {
          const inner = source.slice(i + delimiter.length, end);
          const children = parse(inner, { ...context, depth: context.depth + 1 });
          push({ kind: double ? "strong" : "em", children });
          i = end + delimiter.length;
          continue;
        }
      }
    }

    text += char;
    i += 1;
  }
  flush();
  return nodes;
}

/** `[words](target)` starting at `start`, brackets balanced; undefined when it isn't one. */
function readLink(
  source: string,
  start: number,
  budget: { steps: number },
): { words: string; target: string; end: number } | undefined {
  let depth = 0;
  let close = -1;
  for (let j = start; j < source.length; j++) {
    if (--budget.steps < 0) return undefined;
    const c = source[j];
    if (c === "\\") {
      j++;
      continue;
    }
    if (c === "[") depth++;
    else if (c === "]") {
      depth--;
      if (depth === 0) {
        close = j;
        break;
      }
    }
  }
  if (close === -1 || source[close + 1] !== "(") return undefined;
  // The target ends at the first unbalanced ")": `(https://x.example/a_(b))` keeps its "(b)".
  let targetEnd = -1;
  let parens = 0;
  for (let j = close + 2; j < source.length; j++) {
    if (--budget.steps < 0) return undefined;
    const c = source[j];
    if (c === "(") parens++;
    else if (c === ")") {
      if (parens === 0) {
        targetEnd = j;
        break;
      }
      parens--;
    }
  }
  if (targetEnd === -1) return undefined;
  const target = source.slice(close + 2, targetEnd).trim();
  if (/\s/.test(target)) return undefined;
  return { words: source.slice(start + 1, close), target, end: targetEnd + 1 };
}

/**
 * Where an emphasis opened at `start` closes, or -1. It opens only before a non-space and closes
 * only after one; `_` also needs a word boundary on the outside (snake_case stays as typed).
 */
function closingDelimiter(
  source: string,
  start: number,
  delimiter: string,
  budget: { steps: number },
): number {
  const after = source[start + delimiter.length];
  if (isSpace(after) || after === delimiter[0]) return -1;
  const underscore = delimiter[0] === "_";
  if (underscore && isWordChar(source[start - 1])) return -1;
  let from = start + delimiter.length + 1;
  while (from <= source.length) {
    const end = source.indexOf(delimiter, from);
    if (end === -1) return -1;
    budget.steps -= end - from + 1;
    if (budget.steps < 0) return -1;
    const before = source[end - 1];
    const following = source[end + delimiter.length];
    const escaped = before === "\\";
    // Only a run of exactly this length closes it: `*a **b** c*` is emphasis around strong.
    const longerRun = before === delimiter[0] || following === delimiter[0];
    if (!escaped && !isSpace(before) && !longerRun && !(underscore && isWordChar(following))) {
      return end;
    }
    from = end + 1;
  }
  return -1;
}

/** The message's words without any formatting (for a label or a comparison). */
export function plainText(nodes: InlineNode[]): string {
  return nodes
    .map((node) =>
      node.kind === "text" || node.kind === "code" ? node.text : plainText(node.children),
    )
    .join("");
}
