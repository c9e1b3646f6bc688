/** The printed table and the results file's summary: formatting only, no timings. */
import { describe, expect, it } from 'vitest';
import { figure, formatTable, formatValue, meets } from '../../src/bench/figures.js';
import { summarise } from '../../src/bench/report.js';

describe('figures', () => {
  it('compares against a target in each direction; NaN never meets one', () => {
    expect(meets(1.05, { op: '<=', value: 1.05 })).toBe(true);
    expect(meets(1.05, { op: '<', value: 1.05 })).toBe(false);
    expect(meets(0.95, { op: '>=', value: 0.95 })).toBe(true);
    expect(meets(0.95, { op: '>', value: 0.95 })).toBe(false);
    expect(meets(Number.NaN, { op: '<=', value: 0 })).toBe(false);
    expect(figure({ id: 'a', benchmark: 'b', label: 'c', value: 1, unit: '' }).verdict).toBe('info');
  });

  it('formats ratios and shares to three decimals, other figures to about three digits', () => {
    expect(formatValue(1.0399, '×')).toBe('1.040×');
    expect(formatValue(0.98254, '')).toBe('0.983');
    expect(formatValue(22.57, 'ms')).toBe('22.6 ms');
    expect(formatValue(4.567, 'ms')).toBe('4.57 ms');
    expect(formatValue(365.26, 'MB')).toBe('365 MB');
    expect(formatValue(17.12, '%')).toBe('17.1%');
    expect(formatValue(Number.NaN, 'ms')).toBe('n/a');
  });

  it('prints one aligned row per figure, the reason under each miss, and a count of targets met', () => {
    const figures = [
      figure({ id: 'p', benchmark: 'panel overhead', label: 'wall ÷ slowest, median', value: 1.03, unit: '×', target: { op: '<=', value: 1.05 } }),
      figure({ id: 'c', benchmark: 'engine cost', label: 'CPU ms per review', value: 22.6, unit: 'ms', target: { op: '<', value: 5 }, note: 'SDK calls dominate' }),
      figure({ id: 'i', benchmark: 'engine cost', label: 'with draft saved', value: 23, unit: 'ms', note: 'not shown: info' }),
    ];
    const table = formatTable(figures);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^benchmark\s+figure\s+value\s+target\s+verdict$/);
    expect(lines[1]).toMatch(/^-+ {2}-+ {2}-+ {2}-+ {2}-+$/);
    expect(lines[2]).toMatch(/^panel overhead\s+wall ÷ slowest, median\s+1\.030×\s+<= 1\.050×\s+PASS$/);
    expect(lines[3]).toMatch(/^engine cost\s+CPU ms per review\s+22\.6 ms\s+< 5\.00 ms\s+MISS$/);
    expect(lines[4]).toBe('    ↳ SDK calls dominate');
    expect(lines[5]).toMatch(/^engine cost\s+with draft saved\s+23\.0 ms\s+—\s+info$/);
    expect(table).not.toContain('not shown');
    expect(table.trimEnd().split('\n').at(-1)).toBe('1 of 2 targets met, 1 missed (MISS rows say why).');
    // Value and target columns are right-aligned: every row's verdict starts in the same column.
    const verdictColumn = lines[0]!.indexOf('verdict');
    for (const line of [lines[2], lines[3], lines[5]]) expect(line!.slice(verdictColumn)).toMatch(/^(PASS|MISS|info)$/);
    expect(summarise(figures)).toEqual({ targets: 2, met: 1, missed: 1 });
  });
});
