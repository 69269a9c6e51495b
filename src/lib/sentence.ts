// A server's text shown on its own or after ours must read as a sentence: Coder's messages often
// end without a full stop ("Incorrect login type"), and run into what follows.

/** `text` trimmed, with a capital first letter and a full stop when it ends without punctuation. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return trimmed;
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…:)"'”]$/.test(capital) ? capital : `${capital}.`;
}
