// Printing results: aligned Markdown tables (readable in a terminal, pasteable into a README) and number
// formats that show unknown values as a dash.

export interface Column {
  header: string;
  /** Numbers align right (the default); names align left. */
  align?: 'left' | 'right';
}

/** A Markdown table with padded cells. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, i) =>
    Math.max(3, column.header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        return column.align === 'left' ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!);
      })
      .join(' | ')} |`;
  // The rule row is spelled as biome formats Markdown, so a pasted table stays lint-clean.
  const rule = `| ${columns
    .map((column, i) =>
      column.align === 'left' ? `:${'-'.repeat(widths[i]! - 1)}` : `${'-'.repeat(widths[i]! - 1)}:`,
    )
    .join(' | ')} |`;
  return [line(columns.map((column) => column.header)), rule, ...rows.map(line)].join('\n');
}

/** A number with `digits` decimals, thousands separated; `–` when unknown. */
export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio such as `17.3×`; `–` when unknown. */
export function times(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${num(value, digits)}×` : '–';
}

/** PASS or MISS against a target; `–` when it cannot be judged. Benchmarks report, they never fail. */
export function verdict(pass: boolean | undefined): string {
  return pass === undefined ? '–' : pass ? 'PASS' : 'MISS';
}
