/** Word-wraps text to `width` columns, splitting words longer than a line. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      // Paths break after a slash when they can.
      const slash = rest.lastIndexOf('/', width - 1);
      const cut = slash > 0 ? slash + 1 : width;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Column widths that fit `available` characters: natural widths when they fit, otherwise the
 * fixed columns keep theirs and the flexible ones share the rest by weight.
 */
export function fitColumns(natural: readonly number[], weights: readonly number[], minimum: readonly number[], available: number): number[] {
  const total = natural.reduce((sum, width) => sum + width, 0);
  if (total <= available) return [...natural];
  const fixed = natural.map((width, index) => (weights[index] === 0 ? width : 0));
  const flexibleSpace = available - fixed.reduce((sum, width) => sum + width, 0);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  return natural.map((width, index) => {
    const weight = weights[index]!;
    if (weight === 0) return width;
    return Math.max(minimum[index]!, Math.min(width, Math.floor((flexibleSpace * weight) / weightSum)));
  });
}
