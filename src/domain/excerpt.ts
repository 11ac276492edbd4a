/** How much of a value a message or a report may quote: enough to recognise it, never the bulk. */
export const EXCERPT_CHARS = 200;

/**
 * The start of `text`, cut to `max` characters with an ellipsis (never in the middle of a surrogate
 * pair). The excerpt is a copy: V8 makes `slice` a view that keeps the whole original alive, and
 * a report holding views of a thousand 1 MB values would hold a gigabyte.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return copy(text);
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${copy(text.slice(0, end))}…`;
}

function copy(text: string): string {
  return text.split('').join('');
}
