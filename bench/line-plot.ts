/**
 * A few measured points as an SVG line chart, one panel per series, side by side, each beside the straight line through
 * its first and last points: where the measured points sit above that line in the middle, cost grows slower than
 * linearly; below it, faster. Written by hand (a few dozen elements) so that the bench needs no plotting package.
 */
export interface PlotPanel {
  title: string;
  xLabel: string;
  yLabel: string;
  points: readonly { x: number; y: number }[];
}

const WIDTH = 440;
const HEIGHT = 320;
const MARGIN = { left: 60, right: 20, top: 40, bottom: 50 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const TICKS = 5;

/** A round tick step (1, 2 or 5 times a power of ten) that covers `max` in about `TICKS` steps. */
export function tickStep(max: number): number {
  const rough = max / TICKS;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough)!;
}

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const num = (n: number) => Number(n.toFixed(2)).toString();
const label = (n: number) => (n >= 100 ? n.toFixed(0) : Number(n.toPrecision(3)).toString());

/** Where a data point lands in a panel's own coordinates (axes from 0 to the last tick at or above the largest value). */
export function scaleOf(points: PlotPanel['points']) {
  const axis = (values: number[]) => {
    const step = tickStep(Math.max(...values, Number.EPSILON));
    return { step, max: Math.max(1, Math.ceil(Math.max(...values) / step)) * step };
  };
  const [xAxis, yAxis] = [axis(points.map((p) => p.x)), axis(points.map((p) => p.y))];
  return {
    x: (v: number) => MARGIN.left + (v / xAxis.max) * PLOT_WIDTH,
    y: (v: number) => MARGIN.top + PLOT_HEIGHT - (v / yAxis.max) * PLOT_HEIGHT,
    /** The tick values of each axis, from 0. */
    xTicks: Array.from({ length: Math.round(xAxis.max / xAxis.step) + 1 }, (_, i) => i * xAxis.step),
    yTicks: Array.from({ length: Math.round(yAxis.max / yAxis.step) + 1 }, (_, i) => i * yAxis.step),
  };
}

function panelSvg(panel: PlotPanel, offsetX: number): string {
  const { points } = panel;
  const scale = scaleOf(points);
  const parts: string[] = [`<g transform="translate(${offsetX},0)">`];
  parts.push(`<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${escape(panel.title)}</text>`);
  const [x0, y0, x1, y1] = [MARGIN.left, MARGIN.top + PLOT_HEIGHT, MARGIN.left + PLOT_WIDTH, MARGIN.top];
  parts.push(`<path d="M${x0},${y1} V${y0} H${x1}" fill="none" stroke="#333"/>`);
  for (const xv of scale.xTicks)
    parts.push(`<text x="${num(scale.x(xv))}" y="${y0 + 18}" text-anchor="middle" font-size="11">${label(xv)}</text>`);
  for (const yv of scale.yTicks) {
    parts.push(`<line x1="${x0}" y1="${num(scale.y(yv))}" x2="${x1}" y2="${num(scale.y(yv))}" stroke="#eee"/>`);
    parts.push(`<text x="${x0 - 6}" y="${num(scale.y(yv) + 4)}" text-anchor="end" font-size="11">${label(yv)}</text>`);
  }
  parts.push(`<text x="${(x0 + x1) / 2}" y="${HEIGHT - 10}" text-anchor="middle" font-size="12">${escape(panel.xLabel)}</text>`);
  parts.push(
    `<text transform="translate(16,${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escape(panel.yLabel)}</text>`,
  );
  const first = points[0]!;
  const last = points[points.length - 1]!;
  parts.push(
    `<line class="linear" x1="${num(scale.x(first.x))}" y1="${num(scale.y(first.y))}" x2="${num(scale.x(last.x))}" y2="${num(scale.y(last.y))}" stroke="#999" stroke-dasharray="6 4"/>`,
  );
  parts.push(
    `<polyline class="measured" points="${points.map((p) => `${num(scale.x(p.x))},${num(scale.y(p.y))}`).join(' ')}" fill="none" stroke="#1f6fb2" stroke-width="2"/>`,
  );
  for (const p of points) {
    const [cx, cy] = [num(scale.x(p.x)), num(scale.y(p.y))];
    parts.push(`<circle class="point" cx="${cx}" cy="${cy}" r="4" fill="#1f6fb2"><title>${label(p.x)}: ${label(p.y)}</title></circle>`);
    parts.push(`<text x="${cx}" y="${num(scale.y(p.y) - 9)}" text-anchor="middle" font-size="11">${label(p.y)}</text>`);
  }
  parts.push(
    `<line x1="${x0 + 10}" y1="${y1 + 4}" x2="${x0 + 34}" y2="${y1 + 4}" stroke="#1f6fb2" stroke-width="2"/><text x="${x0 + 38}" y="${y1 + 8}" font-size="11">measured</text>`,
    `<line x1="${x0 + 110}" y1="${y1 + 4}" x2="${x0 + 134}" y2="${y1 + 4}" stroke="#999" stroke-dasharray="6 4"/><text x="${x0 + 138}" y="${y1 + 8}" font-size="11">linear through first and last</text>`,
  );
  parts.push('</g>');
  return parts.join('\n');
}

/** The panels side by side in one SVG document. */
export function linePlotSvg(panels: readonly PlotPanel[], caption: string): string {
  const width = WIDTH * panels.length;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT + 24}" viewBox="0 0 ${width} ${HEIGHT + 24}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...panels.map((panel, i) => panelSvg(panel, i * WIDTH)),
    `<text x="${width / 2}" y="${HEIGHT + 16}" text-anchor="middle" font-size="11" fill="#555">${escape(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
