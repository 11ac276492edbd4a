/**
 * Renders the report's model (src/domain/report.ts) as a PDF with pdfkit: pure JavaScript, no
 * browser. The font is DejaVu Sans, shipped in assets/fonts (its licence beside it) and embedded
 * in the file: it has every French character, the narrow no-break space that French number
 * formatting puts in `48 752 €`, and the euro sign, which the PDF's built-in fonts lack. No
 * system font is read. A section's blocks are drawn one by one, a new kind of block is one more
 * case here; the charts are vector paths (rectangles, lines) with their labels as text.
 */
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import type { ReportBarChart, ReportBlock, ReportModel } from '../domain/report';

const FONT_DIR = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));
const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';

const MARGIN = { top: 56, bottom: 60, left: 50, right: 50 };
const INK = '#1d1d1f';
const MUTED = '#5f6368';
const ACCENT = '#6d28d9';
const RULE = '#d0d0d7';
const ZEBRA = '#f4f3f8';
const HEADER_FILL = '#e9e5f5';

type Doc = PDFKit.PDFDocument;

function pageIndex(doc: Doc): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

function bottomLimit(doc: Doc): number {
  return doc.page.height - MARGIN.bottom;
}

/** A new page when less than `needed` points are left on this one. */
function ensureRoom(doc: Doc, needed: number): void {
  if (doc.y + needed > bottomLimit(doc)) doc.addPage();
}

function drawText(doc: Doc, block: Extract<ReportBlock, { kind: 'text' }>): void {
  const heading = block.tone === 'heading';
  doc
    .font(heading ? BOLD : REGULAR)
    .fontSize(heading ? 11 : 9.5)
    .fillColor(block.tone === 'muted' ? MUTED : INK);
  // A heading keeps at least a few lines of what follows on its page.
  ensureRoom(doc, doc.heightOfString(block.text, { width: contentWidth(doc) }) + (heading ? 120 : 4));
  doc.text(block.text, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.6);
}

function drawFigures(doc: Doc, block: Extract<ReportBlock, { kind: 'figures' }>): void {
  const rowHeight = 17;
  ensureRoom(doc, rowHeight * block.rows.length + 8);
  let y = doc.y;
  block.rows.forEach((row, i) => {
    if (i % 2 === 0) doc.rect(MARGIN.left, y - 3, 430, rowHeight).fill(ZEBRA);
    doc
      .font(REGULAR)
      .fontSize(10.5)
      .fillColor(INK)
      .text(row.label, MARGIN.left + 8, y, { width: 250, lineBreak: false });
    doc
      .font(BOLD)
      .fontSize(10.5)
      .fillColor(INK)
      .text(row.value, MARGIN.left + 262, y, { width: 160, align: 'right', lineBreak: false });
    y += rowHeight;
  });
  doc.x = MARGIN.left;
  doc.y = y + 8;
}

function drawTable(doc: Doc, block: Extract<ReportBlock, { kind: 'table' }>): void {
  if (block.rows.length === 0) return drawText(doc, { kind: 'text', tone: 'muted', text: block.empty });
  const width = contentWidth(doc);
  const xs: number[] = [];
  let x = MARGIN.left;
  for (const c of block.columns) {
    xs.push(x);
    x += c.width * width;
  }
  const pad = 4;
  const cellWidth = (i: number) => (block.columns[i]?.width ?? 0) * width - 2 * pad;

  const header = () => {
    doc.font(BOLD).fontSize(8.5);
    const h = Math.max(...block.columns.map((c, i) => doc.heightOfString(c.label, { width: cellWidth(i) }))) + 2 * pad;
    ensureRoom(doc, h + 18);
    const y = doc.y;
    doc.rect(MARGIN.left, y, width, h).fill(HEADER_FILL);
    block.columns.forEach((c, i) => {
      doc.fillColor(INK).text(c.label, (xs[i] ?? 0) + pad, y + pad, { width: cellWidth(i), align: c.align ?? 'left' });
    });
    doc.y = y + h;
  };

  header();
  block.rows.forEach((row, r) => {
    doc.font(REGULAR).fontSize(8.5);
    const h = Math.max(...row.map((cell, i) => doc.heightOfString(cell, { width: cellWidth(i) }))) + 2 * pad;
    if (doc.y + h > bottomLimit(doc)) {
      doc.addPage();
      header();
      doc.font(REGULAR).fontSize(8.5);
    }
    const y = doc.y;
    if (r % 2 === 1) doc.rect(MARGIN.left, y, width, h).fill(ZEBRA);
    row.forEach((cell, i) => {
      doc.fillColor(INK).text(cell, (xs[i] ?? 0) + pad, y + pad, { width: cellWidth(i), align: block.columns[i]?.align ?? 'left' });
    });
    doc.y = y + h;
  });
  doc
    .moveTo(MARGIN.left, doc.y)
    .lineTo(MARGIN.left + width, doc.y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.x = MARGIN.left;
  doc.moveDown(0.6);
}

const SERIES_FILL = [ACCENT, '#c4b5fd', '#d97706', '#64748b', '#0d9488'];
const CHART = { height: 130, axisWidth: 62 };

/** The height a bar chart needs: title, note, legend, plot and its category labels. */
function chartHeight(block: ReportBarChart): number {
  return CHART.height + 70 + Math.max(1, ...block.categories.map((c) => c.length)) * 9;
}

/** A bar chart: its title and legend, the value axis with its grid, the bars, and each category's label lines. */
function drawBars(doc: Doc, block: ReportBarChart): void {
  const width = contentWidth(doc);
  const labelLines = Math.max(1, ...block.categories.map((c) => c.length));
  ensureRoom(doc, chartHeight(block));
  doc.font(BOLD).fontSize(11).fillColor(INK).text(block.title, MARGIN.left, doc.y, { width });
  if (block.note) doc.font(REGULAR).fontSize(8.5).fillColor(MUTED).text(block.note, { width });
  doc.moveDown(0.3);
  // The legend: a swatch and a label per series.
  let lx = MARGIN.left + CHART.axisWidth;
  const ly = doc.y;
  doc.font(REGULAR).fontSize(8);
  block.series.forEach((s, i) => {
    doc.rect(lx, ly + 1, 8, 8).fill(SERIES_FILL[i % SERIES_FILL.length] ?? ACCENT);
    doc.fillColor(INK).text(s.label, lx + 12, ly, { lineBreak: false });
    lx += 12 + doc.widthOfString(s.label) + 16;
  });
  const top = ly + 18;
  const bottom = top + CHART.height;
  const x0 = MARGIN.left + CHART.axisWidth;
  const plotWidth = width - CHART.axisWidth;
  const yOf = (v: number) => bottom - (v / block.axis.max) * CHART.height;
  doc.font(REGULAR).fontSize(7.5);
  for (const tick of block.axis.ticks) {
    const y = yOf(tick.value);
    doc
      .moveTo(x0, y)
      .lineTo(x0 + plotWidth, y)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc.fillColor(MUTED).text(tick.label, MARGIN.left, y - 4, { width: CHART.axisWidth - 6, align: 'right', lineBreak: false });
  }
  const slot = plotWidth / Math.max(1, block.categories.length);
  // Bars at most 36 pt wide, each category's group (or stack) centred in its slot.
  const side = block.stacked ? 1 : Math.max(1, block.series.length);
  const barWidth = Math.min(36, (slot * 0.8) / side);
  const gap = (slot - barWidth * side) / 2;
  const base = block.categories.map(() => 0);
  block.series.forEach((s, i) => {
    s.values.forEach((v, c) => {
      if (v <= 0) return;
      const below = block.stacked ? (base[c] ?? 0) : 0;
      const x = x0 + c * slot + gap + (block.stacked ? 0 : i * barWidth);
      doc.rect(x, yOf(below + v), barWidth, yOf(below) - yOf(below + v)).fill(SERIES_FILL[i % SERIES_FILL.length] ?? ACCENT);
      base[c] = below + v;
    });
  });
  doc
    .moveTo(x0, bottom)
    .lineTo(x0 + plotWidth, bottom)
    .lineWidth(0.8)
    .strokeColor(INK)
    .stroke();
  doc.font(REGULAR).fontSize(block.categories.length > 12 ? 6.5 : 8);
  block.categories.forEach((lines, c) => {
    lines.forEach((line, l) => {
      doc.fillColor(INK).text(line, x0 + c * slot, bottom + 3 + l * 9, { width: slot, align: 'center', lineBreak: false });
    });
  });
  doc.x = MARGIN.left;
  doc.y = bottom + 3 + labelLines * 9 + 10;
}

function drawBlock(doc: Doc, block: ReportBlock): void {
  switch (block.kind) {
    case 'figures':
      return drawFigures(doc, block);
    case 'table':
      return drawTable(doc, block);
    case 'text':
      return drawText(doc, block);
    case 'bars':
      return drawBars(doc, block);
  }
}

export function renderReportPdf(model: ReportModel, createdAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: `${model.title} — ${model.djName}`, Author: model.djName, Creator: 'DJ Booker Pro', CreationDate: createdAt },
    lang: 'fr-FR',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(REGULAR, `${FONT_DIR}DejaVuSans.ttf`);
  doc.registerFont(BOLD, `${FONT_DIR}DejaVuSans-Bold.ttf`);
  const width = contentWidth(doc);

  // Title page: who, when, and the table of contents (its page numbers are written once known).
  doc.font(BOLD).fontSize(24).fillColor(ACCENT).text(model.title, MARGIN.left, MARGIN.top, { width });
  doc.moveDown(0.4);
  doc.font(REGULAR).fontSize(11.5).fillColor(INK);
  for (const fact of model.facts) doc.text(fact, { width });
  doc.moveDown(1.2);
  doc.font(BOLD).fontSize(13).fillColor(INK).text('Sommaire', { width });
  doc.moveDown(0.3);
  const tocLines = model.sections.map(() => {
    const y = doc.y;
    doc.y += 18;
    return y;
  });
  doc.moveDown(1);

  const starts: number[] = [];
  model.sections.forEach((section, i) => {
    // A section's title stays with the start of its first block (a whole chart).
    const first = section.blocks[0];
    if (i > 0) ensureRoom(doc, first?.kind === 'bars' ? 40 + chartHeight(first) : 140);
    starts.push(pageIndex(doc));
    doc
      .font(BOLD)
      .fontSize(15)
      .fillColor(ACCENT)
      .text(`${i + 1}. ${section.title}`, MARGIN.left, doc.y, { width });
    doc
      .moveTo(MARGIN.left, doc.y + 2)
      .lineTo(MARGIN.left + width, doc.y + 2)
      .lineWidth(0.8)
      .strokeColor(ACCENT)
      .stroke();
    doc.moveDown(0.7);
    for (const block of section.blocks) drawBlock(doc, block);
    doc.moveDown(0.8);
  });

  const range = doc.bufferedPageRange();
  doc.switchToPage(range.start);
  model.sections.forEach((section, i) => {
    const y = tocLines[i] ?? 0;
    doc
      .font(REGULAR)
      .fontSize(11)
      .fillColor(INK)
      .text(`${i + 1}. ${section.title}`, MARGIN.left + 10, y, { width: width - 80, lineBreak: false });
    doc.text(`page ${(starts[i] ?? 0) + 1}`, MARGIN.left + width - 70, y, { width: 70, align: 'right', lineBreak: false });
  });
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // Writing in the bottom margin would make pdfkit open a new page: lift the margin while the footer is drawn.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 38;
    doc
      .moveTo(MARGIN.left, y - 6)
      .lineTo(MARGIN.left + width, y - 6)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc
      .font(REGULAR)
      .fontSize(8)
      .fillColor(MUTED)
      .text(`DJ Booker Pro — ${model.footer}`, MARGIN.left, y, { width: width - 90, lineBreak: false });
    doc.text(`Page ${p + 1} / ${range.count}`, MARGIN.left + width - 90, y, { width: 90, align: 'right', lineBreak: false });
    doc.page.margins.bottom = MARGIN.bottom;
  }
  doc.end();
  return finished;
}
