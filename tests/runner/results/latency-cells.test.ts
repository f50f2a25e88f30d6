import { describe, expect, test } from '@jest/globals';
import Papa from 'papaparse';
import { parseLatencyCsv } from '../../../runner/results/read-latency-csv.js';
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
    expect(parseLatencyRow({ ...row, class: 'tepid' })).toBe('column class: "tepid" is not one of cold, cold-preinit, warm, unknown');
    expect(parseLatencyRow({ ...row, refused_before_first: 'one' })).toBe('column refused_before_first: "one" is not a number');
    expect(parseLatencyRow({ ...row, burst_id: '' })).toBe('column burst_id: is empty but must have a value');
  });

  test('ids stay text even when they look like numbers', () => {
    const row = formatLatencyRow(recordFixture({ requestId: '00123', instanceId: '1e5' }));
    expect(parseLatencyRow(row)).toMatchObject({ requestId: '00123', instanceId: '1e5' });
  });

  test('the contract columns sit together, in the order of the response', () => {
    const at = (header: string) => LATENCY_HEADERS.indexOf(header);
    const order = ['instance_id', 'cold_start', 'refused_before_first', 'invocation_count', 'instance_started_at', 'init_ended_at',
      'handler_started_at', 'handler_ended_at', 'init_ms', 'idle_before_ms', 'service_time_ms'];
    expect(order.map(at)).toEqual(order.map((_, i) => at('instance_id') + i));
  });

  test('a cold-preinit row, a refused-first row and a row without an init end go through CSV text and back exactly', () => {
    const records = [
      recordFixture({ requestClass: 'cold-preinit', coldStart: true, refusedBeforeFirst: 0, invocationCount: 1, instanceStartedAt: 1795000000000.125,
        initEndedAt: 1795000000140.5, handlerStartedAt: 1795000030140.75, initMs: 140.375, idleBeforeMs: 30000.25 }),
      recordFixture({ requestClass: 'warm', coldStart: false, refusedBeforeFirst: 3, invocationCount: 1 }),
      recordFixture({ requestClass: 'cold', coldStart: true, initEndedAt: null, initMs: null, idleBeforeMs: null }),
      failedRecordFixture('HTTP_401'),
    ];
    const rows = records.map(formatLatencyRow);
    expect(rows.map((r) => [r['class'], r['refused_before_first'], r['init_ended_at'], r['init_ms'], r['idle_before_ms']])).toEqual([
      ['cold-preinit', '0', '1795000000140.500', '140.375', '30000.250'],
      ['warm', '3', '1795000000080.250', '80.125', '20.250'],
      ['cold', '0', '', '', ''],
      ['unknown', '', '', '', ''],
    ]);
    const text = `${LATENCY_HEADERS.join(',')}\n${Papa.unparse(rows, { columns: [...LATENCY_HEADERS], header: false, newline: '\n' })}\n`;
    expect(parseLatencyCsv(text, 'test')).toEqual(records);
  });
});
