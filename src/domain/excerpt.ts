/** How much of a value a message or a report may quote: enough to recognise it, never the bulk. */
export const EXCERPT_CHARS = 200;

/** The start of `text`, cut to `max` characters with an ellipsis (never in the middle of a surrogate pair). */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
