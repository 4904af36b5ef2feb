/** Number formats shared by the reports and the estimate; fixed, so output does not depend on the locale. */

/** `52000` -> `52,000`; non-integers keep up to `decimals` digits (`2.5`). */
export function formatNumber(value: number, decimals = 1): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  const [whole, fraction] = Math.abs(rounded).toFixed(decimals).split('.') as [string, string?];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const digits = fraction?.replace(/0+$/, '');
  return `${rounded < 0 ? '-' : ''}${grouped}${digits ? `.${digits}` : ''}`;
}

/** `0.05` -> `5%`; below 1 %, one decimal (`0.5%`). */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${formatNumber(percent, percent < 1 ? 1 : 0)}%`;
}

/** `1.923` -> `1.9×`. */
export function formatFactor(factor: number): string {
  return `${formatNumber(factor, 1)}×`;
}

const UNITS: readonly { name: string; ms: number }[] = [
  { name: 'day', ms: 86_400_000 },
  { name: 'h', ms: 3_600_000 },
  { name: 'min', ms: 60_000 },
  { name: 's', ms: 1000 },
];

/** A duration in the largest unit that divides it: `900000` -> `{ count: 15, unit: 'min' }`. */
export function durationParts(ms: number): { count: number; unit: string } {
  const unit = UNITS.find((candidate) => ms >= candidate.ms && ms % candidate.ms === 0);
  return unit ? { count: ms / unit.ms, unit: unit.name } : { count: ms, unit: 'ms' };
}

/** `900000` -> `15 min`, `60000` -> `1 min`, `1500` -> `1,500 ms`. */
export function formatDuration(ms: number): string {
  const { count, unit } = durationParts(ms);
  return `${formatNumber(count)} ${unit}`;
}

/** A count per window: `100/min`, `100 per 15 min`. */
export function formatRate(count: number, windowMs: number): string {
  const { count: units, unit } = durationParts(windowMs);
  return units === 1 ? `${formatNumber(count)}/${unit}` : `${formatNumber(count)} per ${formatNumber(units)} ${unit}`;
}
