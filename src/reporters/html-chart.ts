import { KIND_TITLES } from '../report/kinds.js';
import type { KindCount } from '../review/review.js';
import { escapeHtml } from './html-text.js';

const WIDTH = 600;
const LABEL_WIDTH = 170;
const BAR_AREA = 380;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;
const TOP = 34;

/** Findings by kind as an inline SVG bar chart: instance-local and shared-store lines stacked. */
export function kindChart(kinds: readonly KindCount[]): string {
  if (kinds.length === 0) return '';
  const rows = [...kinds].sort((a, b) => total(b) - total(a));
  const largest = Math.max(...rows.map(total));
  const height = TOP + rows.length * ROW_HEIGHT + 6;
  const scale = (count: number): number => Math.round((count / largest) * BAR_AREA * 10) / 10;
  const bars = rows.map((row, index) => {
    const y = TOP + index * ROW_HEIGHT;
    const localWidth = scale(row.instanceLocal);
    const sharedWidth = scale(row.shared);
    const title = `${KIND_TITLES[row.kind]}: ${row.instanceLocal} instance-local, ${row.shared} in a shared store`;
    return [
      `<g><title>${escapeHtml(title)}</title>`,
      `<text x="${LABEL_WIDTH - 10}" y="${y + BAR_HEIGHT - 4}" text-anchor="end" class="chart-label">${escapeHtml(KIND_TITLES[row.kind])}</text>`,
      row.instanceLocal > 0 ? `<rect x="${LABEL_WIDTH}" y="${y}" width="${localWidth}" height="${BAR_HEIGHT}" class="bar-local"/>` : '',
      row.shared > 0 ? `<rect x="${LABEL_WIDTH + localWidth}" y="${y}" width="${sharedWidth}" height="${BAR_HEIGHT}" class="bar-shared"/>` : '',
      `<text x="${LABEL_WIDTH + localWidth + sharedWidth + 8}" y="${y + BAR_HEIGHT - 4}" class="chart-count">${total(row)}</text>`,
      '</g>',
    ].join('');
  });
  const legend = [
    `<rect x="${LABEL_WIDTH}" y="6" width="14" height="14" class="bar-local"/>`,
    `<text x="${LABEL_WIDTH + 20}" y="18" class="chart-legend">Instance-local (Y)</text>`,
    `<rect x="${LABEL_WIDTH + 160}" y="6" width="14" height="14" class="bar-shared"/>`,
    `<text x="${LABEL_WIDTH + 180}" y="18" class="chart-legend">Shared store (N)</text>`,
  ].join('');
  return [
    `<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">`,
    '<title id="chart-title">Findings by kind</title>',
    legend,
    ...bars,
    '</svg>',
  ].join('\n');
}

function total(row: KindCount): number {
  return row.instanceLocal + row.shared;
}
