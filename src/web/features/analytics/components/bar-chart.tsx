/**
 * Bar charts drawn as SVG (decision 010): grouped or stacked series, sized to their container,
 * and always beside the same figures as a table that screen readers and keyboards reach.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n';
import './analytics.css';

export interface ChartSeries {
  key: string;
  label: string;
  /** One of the palette's classes: `tone-1` … `tone-6`, `tone-active`, `tone-dormant`, `tone-lapsed`. */
  tone: string;
}

export interface BarChartProps {
  title: string;
  /** One sentence: what to read in the chart (also the image's description). */
  summary?: ReactNode;
  /** The x categories, as shown on the axis and in the table's first column. */
  categories: string[];
  /** Longer names of the categories for the table (defaults to `categories`). */
  categoryNames?: string[];
  categoryHeader: string;
  series: ChartSeries[];
  /** values[s][c]: series s, category c. */
  values: number[][];
  stacked?: boolean;
  format: (n: number) => string;
  /** Short form for the axis (defaults to `format`). */
  formatAxis?: (n: number) => string;
  /** Extra columns of the table only. */
  extraColumns?: { header: string; values: string[] }[];
}

const HEIGHT = 220;
const PAD = { top: 10, right: 8, bottom: 28, left: 52 };

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** A round top for the axis: 1, 2, 2.5 or 5 times a power of ten. */
function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

export function BarChart(props: BarChartProps) {
  const { t } = useI18n();
  const id = useId();
  const [ref, width] = useWidth<HTMLDivElement>();
  const { categories, series, values, stacked = false } = props;
  const totals = categories.map((_, c) => series.reduce((s, _x, i) => s + (values[i]?.[c] ?? 0), 0));
  const peak = stacked ? Math.max(0, ...totals) : Math.max(0, ...values.flat());
  const top = niceMax(peak);
  const innerW = Math.max(0, width - PAD.left - PAD.right);
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const band = categories.length > 0 ? innerW / categories.length : 0;
  const barW = stacked ? band * 0.7 : (band * 0.8) / Math.max(1, series.length);
  const y = (v: number) => PAD.top + innerH - (v / top) * innerH;
  // Labels far enough apart not to overlap: about 42 px each.
  const every = Math.max(1, Math.ceil(42 / Math.max(band, 1)));
  const axisFormat = props.formatAxis ?? props.format;
  const names = props.categoryNames ?? categories;
  return (
    <figure className="chart" aria-labelledby={`${id}-t`}>
      <figcaption>
        <h3 id={`${id}-t`}>{props.title}</h3>
        {props.summary ? <p className="muted">{props.summary}</p> : null}
      </figcaption>
      {series.length > 1 ? (
        <ul className="legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.key}>
              <span className={`swatch ${s.tone}`} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <div ref={ref} className="chart-area">
        {width > 0 ? (
          // The table below says the same to assistive technologies: the drawing is hidden from them.
          <svg width={width} height={HEIGHT} aria-hidden="true" focusable="false">
            {[0, 0.5, 1].map((f) => (
              <g key={f}>
                <line className="grid" x1={PAD.left} x2={width - PAD.right} y1={y(top * f)} y2={y(top * f)} />
                <text className="axis" x={PAD.left - 6} y={y(top * f) + 4} textAnchor="end">
                  {axisFormat(top * f)}
                </text>
              </g>
            ))}
            {categories.map((label, c) => {
              const x0 = PAD.left + band * c;
              let stackTop = 0;
              return (
                <g key={label + c}>
                  {series.map((s, i) => {
                    const v = values[i]?.[c] ?? 0;
                    if (v <= 0) return null;
                    const x = stacked ? x0 + (band - barW) / 2 : x0 + band * 0.1 + barW * i;
                    const from = stacked ? stackTop : 0;
                    stackTop += stacked ? v : 0;
                    return (
                      <rect
                        key={s.key}
                        className={s.tone}
                        x={x}
                        width={Math.max(1, barW - 1)}
                        y={y(from + v)}
                        height={Math.max(0, y(from) - y(from + v))}
                      />
                    );
                  })}
                  {c % every === 0 ? (
                    <text className="axis" x={x0 + band / 2} y={HEIGHT - 8} textAnchor="middle">
                      {label}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </svg>
        ) : null}
      </div>
      <details className="chart-table">
        <summary>{t('analytics.table')}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${props.title} — ${t('analytics.table')}`}>
          <table>
            <caption className="visually-hidden">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.categoryHeader}</th>
                {series.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.label}
                  </th>
                ))}
                {props.extraColumns?.map((e) => (
                  <th scope="col" key={e.header}>
                    {e.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((label, c) => (
                <tr key={label + c}>
                  <th scope="row">{names[c]}</th>
                  {series.map((s, i) => (
                    <td key={s.key}>{props.format(values[i]?.[c] ?? 0)}</td>
                  ))}
                  {props.extraColumns?.map((e) => (
                    <td key={e.header}>{e.values[c]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Horizontal bars that are a table at the same time: for long labels (event types) and shares. */
export function BarTable({
  title,
  summary,
  header,
  valueHeader,
  rows,
  format,
  extra,
}: {
  title: string;
  summary?: ReactNode;
  header: string;
  valueHeader: string;
  rows: { label: string; value: number; tone?: string; extra?: string }[];
  format: (n: number) => string;
  extra?: string;
}) {
  const id = useId();
  const max = Math.max(0, ...rows.map((r) => r.value));
  return (
    <figure className="chart" aria-labelledby={`${id}-t`}>
      <figcaption>
        <h3 id={`${id}-t`}>{title}</h3>
        {summary ? <p className="muted">{summary}</p> : null}
      </figcaption>
      <table className="bar-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{header}</th>
            <th scope="col">{valueHeader}</th>
            {extra ? <th scope="col">{extra}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>
                <span className="bar-cell">
                  <span
                    className={`hbar ${r.tone ?? 'tone-1'}`}
                    style={{ width: `${max > 0 ? (r.value / max) * 100 : 0}%` }}
                    aria-hidden="true"
                  />
                  <span className="hbar-value">{format(r.value)}</span>
                </span>
              </td>
              {extra ? <td>{r.extra}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
