import { Fragment, type ReactNode } from "react";
import { type InlineNode, parseInlineMarkdown } from "../lib/inline-markdown.ts";

function render(nodes: InlineNode[]): ReactNode[] {
  return nodes.map((node, index): ReactNode => {
    // The tree never changes order under a message: the index is a stable key.
    const key = index;
    switch (node.kind) {
      case "text":
        return <Fragment key={key}>{node.text}</Fragment>;
      case "code":
        return <code key={key}>{node.text}</code>;
      case "strong":
        return <strong key={key}>{render(node.children)}</strong>;
      case "em":
        return <em key={key}>{render(node.children)}</em>;
      case "link":
        return (
          <a key={key} href={node.href} target="_blank" rel="noreferrer noopener">
            {render(node.children)}
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        );
      default:
        return null;
    }
  });
}

/** A message in the small Markdown subset of lib/inline-markdown.ts, as elements and text. */
export function InlineMarkdown({ message }: { message: string }) {
  return <>{render(parseInlineMarkdown(message))}</>;
}
