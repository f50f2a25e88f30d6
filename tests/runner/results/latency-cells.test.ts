import { describe, expect, test } from '@jest/globals';
import { escapeFormulaText, formatLatencyRow, formatMs, LATENCY_HEADERS, parseLatencyRow, unescapeFormulaText } from '../../../runner/results/latency-cells.js';
import { LATENCY_COLUMNS } from '../../../runner/results/request-record.js';
import { failedRecordFixture, recordFixture } from './records.js';

describe('latency CSV cells', () => {
  test('headers follow LATENCY_COLUMNS', () => {
    expect(LATENCY_HEADERS).toEqual(LATENCY_COLUMNS.map(([header]) => header));
    expect(LATENCY_HEADERS[0]).toBe('sub_experiment');
    expect(LATENCY_HEADERS.at(-1)).toBe('request_id');
  });

  test.each([
    [40.75, '40.750'],
    [0.0004, '0.000'],
    [-0.0004, '0.000'],
    [-12.3456, '-12.346'],
    [1e-7, '0.000'],
    [1795000000000.1235, '1795000000000.124'],
    [123456789012345680000, '123456789012345683968.000'],
  ])('ms %p → %p (µs precision, no exponent)', (value, text) => {
    expect(formatMs(value)).toBe(text);
  });

  test('a record becomes text cells: ms with 3 decimals, counts as integers, booleans, empty for null', () => {
    const row = formatLatencyRow(failedRecordFixture('TIMEOUT', { scheduleLagMs: -0.5 }));
    expect(row).toMatchObject({
      latency_ms: '40.750',
      schedule_lag_ms: '-0.500',
      burst_size: '1',
      status: '',
      ok: 'false',
      reused_connection: 'false',
      cold_start: '',
      error_code: 'TIMEOUT',
      class: 'unknown',
    });
  });

  test.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+1', `'+1`],
    ['-fast', `'-fast`],
    ['@sum', `'@sum`],
    ['\tx', `'\tx`],
    ["'quoted", `''quoted`],
    ['plain', 'plain'],
    ['a-b', 'a-b'],
  ])('formula-looking text %j is written as %j and read back exactly', (text, cell) => {
    expect(escapeFormulaText(text)).toBe(cell);
    expect(unescapeFormulaText(cell)).toBe(text);
  });

  test('numbers are never quoted, even negative ones', () => {
    expect(formatLatencyRow(recordFixture({ scheduleLagMs: -1 })).schedule_lag_ms).toBe('-1.000');
  });

  test('parsing names the column of a bad cell', () => {
    const row = formatLatencyRow(recordFixture());
    expect(parseLatencyRow({ ...row, latency_ms: 'fast' })).toBe('column latency_ms: "fast" is not a number');
    expect(parseLatencyRow({ ...row, ok: 'yes' })).toBe('column ok: "yes" is not true or false');
    expect(parseLatencyRow({ ...row, class: 'tepid' })).toBe('column class: "tepid" is not one of cold, warm, unknown');
    expect(parseLatencyRow({ ...row, burst_id: '' })).toBe('column burst_id: is empty but must have a value');
  });

  test('ids stay text even when they look like numbers', () => {
    const row = formatLatencyRow(recordFixture({ requestId: '00123', instanceId: '1e5' }));
    expect(parseLatencyRow(row)).toMatchObject({ requestId: '00123', instanceId: '1e5' });
  });
});
