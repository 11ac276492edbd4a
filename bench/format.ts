/** How the bench prints figures: durations, sizes, ratios and aligned tables. */

export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Megabytes of 10⁶ bytes (the larger figure, so a limit is never met by a choice of unit). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

export function ratio(ours: number, baseline: number): string {
  return `${(ours / baseline).toFixed(1)}×`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function verdict(ok: boolean): string {
  return ok ? '✓' : '✗';
}

/** Columns padded to their widest cell: the first left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => (i === 0 ? pad(cell, widths[i] ?? 0, 'end') : pad(cell, widths[i] ?? 0, 'start')))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function pad(text: string, width: number, side: 'start' | 'end'): string {
  const fill = ' '.repeat(Math.max(0, width - [...text].length));
  return side === 'start' ? fill + text : text + fill;
}

/** Nearest-rank quantile of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
