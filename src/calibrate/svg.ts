/**
 * Hand-written SVG plots of the report: a score histogram per persona and model, ship rate over
 * time with the band shaded, and the score correlation matrix as a heat map. Every text that
 * reaches the markup (persona names, models, periods) goes through `escapeXml`; numbers are
 * printed with fixed decimals, so the same report always gives the same bytes.
 */
import type { CalibrationReport, Independence, PersonaCalibration, Timeline } from './schema.js';
import type { ShipBand } from './types.js';

export interface CalibrationPlot {
  /** File name under `--svg DIR`, also the element id stem on the desk page. */
  file: string;
  title: string;
  svg: string;
}

const FONT = 'font-family="system-ui, sans-serif"';
const COLORS = ['#3538cd', '#b42318', '#067647', '#b54708', '#6941c6', '#0e7090', '#c11574', '#475467'];

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const f = (value: number) => value.toFixed(1);

/** A file-name-safe stem: lower case letters, digits, dots and dashes only. */
export function fileStem(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'x';
}

function frame(id: string, width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="calibration-plot" id="${escapeXml(id)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${escapeXml(id)}-title">` +
    `<title id="${escapeXml(id)}-title">${escapeXml(title)}</title>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>\n`
  );
}

function text(x: number, y: number, content: string, attributes = ''): string {
  const fill = attributes.includes('fill=') ? '' : ' fill="#344054"';
  const size = attributes.includes('font-size=') ? '' : ' font-size="11"';
  return `<text x="${f(x)}" y="${f(y)}" ${FONT}${size}${fill}${attributes ? ` ${attributes}` : ''}>${escapeXml(content)}</text>`;
}

export function histogramSvg(row: PersonaCalibration): CalibrationPlot {
  const file = `histogram-${fileStem(row.persona)}-${fileStem(row.model)}.svg`;
  const title = `${row.name} (${row.model}): score histogram, ${row.reviews} answers`;
  const [width, height, left, top, bottom] = [340, 190, 34, 28, 30];
  const plotWidth = width - left - 10;
  const plotHeight = height - top - bottom;
  const highest = Math.max(1, ...row.histogram);
  const barWidth = plotWidth / 10;
  const parts = [text(left, 16, `${row.name} · ${row.model} · n=${row.reviews}`, 'font-weight="600"')];
  parts.push(`<line x1="${left}" y1="${top + plotHeight}" x2="${left + plotWidth}" y2="${top + plotHeight}" stroke="#98a2b3"/>`);
  parts.push(text(4, top + 8, String(highest)), text(4, top + plotHeight, '0'));
  row.histogram.forEach((count, bin) => {
    const barHeight = (count / highest) * plotHeight;
    const x = left + bin * barWidth;
    // Bins at or above the ship line (50) are the ship side.
    const fill = bin >= 5 ? '#067647' : '#b42318';
    parts.push(`<rect x="${f(x + 2)}" y="${f(top + plotHeight - barHeight)}" width="${f(barWidth - 4)}" height="${f(barHeight)}" fill="${fill}"><title>${bin * 10}–${bin === 9 ? 100 : bin * 10 + 9}: ${count}</title></rect>`);
    parts.push(text(x + 2, top + plotHeight + 14, String(bin * 10), 'font-size="9"'));
  });
  return { file, title, svg: frame(file.replace(/\.svg$/, ''), width, height, title, parts.join('')) };
}

export function shipRateSvg(timeline: Timeline, band: ShipBand): CalibrationPlot {
  const file = 'ship-rate.svg';
  const title = `Ship rate by ${timeline.by}, band ${band.min}–${band.max}%`;
  const [width, height, left, top, right, bottom] = [600, 260, 40, 28, 150, 34];
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const count = timeline.periods.length;
  const x = (index: number) => left + (count <= 1 ? plotWidth / 2 : (index / (count - 1)) * plotWidth);
  const y = (rate: number) => top + (1 - rate) * plotHeight;
  const parts = [text(left, 16, title, 'font-weight="600"')];
  parts.push(`<rect x="${left}" y="${f(y(band.max / 100))}" width="${plotWidth}" height="${f(y(band.min / 100) - y(band.max / 100))}" fill="#ecfdf3"/>`);
  for (const tick of [0, 0.5, 1]) {
    parts.push(`<line x1="${left}" y1="${f(y(tick))}" x2="${left + plotWidth}" y2="${f(y(tick))}" stroke="#e4e7ec"/>`, text(4, y(tick) + 4, `${tick * 100}%`));
  }
  timeline.periods.forEach((period, index) => {
    if (count <= 8 || index % Math.ceil(count / 8) === 0) parts.push(text(x(index) - 18, top + plotHeight + 16, period, 'font-size="9"'));
  });
  timeline.series.forEach((series, index) => {
    const color = COLORS[index % COLORS.length] as string;
    const points = series.points.flatMap((point, at) => (point.shipRate == null ? [] : [[x(at), y(point.shipRate), point] as const]));
    if (points.length > 1) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map(([px, py]) => `${f(px)},${f(py)}`).join(' ')}"/>`);
    for (const [px, py, point] of points) {
      parts.push(`<circle cx="${f(px)}" cy="${f(py)}" r="3.5" fill="${color}"><title>${escapeXml(`${series.name} ${point.period}: ${Math.round((point.shipRate ?? 0) * 100)}% of ${point.reviews}`)}</title></circle>`);
    }
    const legendY = top + 10 + index * 16;
    parts.push(`<rect x="${left + plotWidth + 14}" y="${legendY - 8}" width="10" height="10" fill="${color}"/>`, text(left + plotWidth + 30, legendY, series.name));
  });
  return { file, title, svg: frame('ship-rate', width, height, title, parts.join('')) };
}

/** White at r ≤ 0 to deep red at r = 1 (negative r is clipped in n_eff, so it is shown as 0, in blue outline). */
function heat(r: number | null): string {
  if (r == null) return '#f2f4f7';
  const t = Math.max(0, Math.min(1, r));
  const channel = (from: number, to: number) => Math.round(from + (to - from) * t).toString(16).padStart(2, '0');
  return `#${channel(255, 180)}${channel(255, 35)}${channel(255, 24)}`;
}

export function correlationSvg(independence: Independence): CalibrationPlot {
  const file = 'correlation.svg';
  const title = `Score correlation (Pearson r), ${independence.reviews} full panels`;
  const size = independence.personas.length;
  const cell = 64;
  const [left, top] = [90, 44];
  const width = Math.max(320, left + size * cell + 10);
  const height = top + Math.max(1, size) * cell + 14;
  const parts = [text(8, 16, title, 'font-weight="600"')];
  if (size === 0) parts.push(text(8, 40, 'not enough data'));
  independence.personas.forEach((persona, i) => {
    parts.push(text(8, top + i * cell + cell / 2 + 4, persona.name));
    parts.push(text(left + i * cell + 6, top - 8, persona.name, 'font-size="10"'));
    independence.personas.forEach((_, j) => {
      const r = independence.correlation[i]?.[j] ?? null;
      const [cx, cy] = [left + j * cell, top + i * cell];
      const stroke = r != null && r < 0 ? '#3538cd' : '#ffffff';
      parts.push(`<rect x="${cx}" y="${cy}" width="${cell}" height="${cell}" fill="${heat(r)}" stroke="${stroke}" stroke-width="2"/>`);
      parts.push(text(cx + cell / 2 - 12, cy + cell / 2 + 4, r == null ? '—' : r.toFixed(2), `fill="${r != null && r > 0.6 ? '#ffffff' : '#101828'}"`));
    });
  });
  return { file, title, svg: frame('correlation', width, height, title, parts.join('')) };
}

/** Every plot of the report, in page order. */
export function calibrationPlots(report: CalibrationReport): CalibrationPlot[] {
  return [...report.personas.map(histogramSvg), shipRateSvg(report.timeline, report.settings.band), correlationSvg(report.independence)];
}
