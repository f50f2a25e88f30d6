import { describe, expect, test } from '@jest/globals';
import Papa from 'papaparse';
import { CsvQuoteError, CsvRowSplitter } from '../../../runner/results/csv-rows.js';

/** Rows and the unfinished tail of `text`, fed in chunks of `size` characters. */
function split(text: string, size = text.length || 1): { rows: string[][]; unfinished: string[] | null } {
  const rows: string[][] = [];
  const splitter = new CsvRowSplitter((fields) => rows.push(fields));
  for (let at = 0; at < text.length; at += size) splitter.push(text.slice(at, at + size));
  return { rows, unfinished: splitter.end() };
}

// Every shape the runner's papaparse writer produces: quotes, doubled quotes, commas and line breaks
// inside quoted fields, empty fields, quoted empty fields, a field that is just a quote, CRLF inside a
// quoted field, and a quote inside an unquoted field (an ordinary character).
const TRICKY = [
  'a,b,c',
  '1,"two, with comma",3',
  '"x ""quoted"" y",,"line one\nline two"',
  '"",plain,"\r\n"',
  'ends,with,""""',
  'in"side,"a,b",c',
  ',,',
  '"multi\n\nline",2,3',
].join('\n');

describe('CSV rows, streamed', () => {
  test('the same rows as papaparse, whatever the chunk size', () => {
    const expected = Papa.parse<string[]>(`${TRICKY}\n`, { delimiter: ',', newline: '\n', skipEmptyLines: false }).data.filter((row) => row.length > 1 || row[0] !== '');
    expect(expected).toHaveLength(8);
    for (let size = 1; size <= TRICKY.length + 1; size += 1) {
      const { rows, unfinished } = split(`${TRICKY}\n`, size);
      expect({ size, rows }).toEqual({ size, rows: expected });
      expect(unfinished).toBeNull();
    }
  });

  test('CRLF line ends are read as LF; an empty line is one empty field', () => {
    expect(split('a,b\r\n\r\n"c",d\r\n', 3)).toEqual({ rows: [['a', 'b'], [''], ['c', 'd']], unfinished: null });
  });

  test('a row without its line end, or inside an open quote, is handed back unfinished, never as a row', () => {
    expect(split('a,b\nc,d')).toEqual({ rows: [['a', 'b']], unfinished: ['c', 'd'] });
    expect(split('a,b\nc,"open\nstill open\n', 4)).toEqual({ rows: [['a', 'b']], unfinished: ['c', 'open\nstill open\n'] });
    expect(split('a,b\n"closed"', 2)).toEqual({ rows: [['a', 'b']], unfinished: ['closed'] });
    expect(split('')).toEqual({ rows: [], unfinished: null });
  });

  test('text after a closing quote is an error, wherever the chunk boundary falls', () => {
    for (let size = 1; size <= 12; size += 1) expect(() => split('a,"b"c,d\n', size)).toThrow(CsvQuoteError);
    expect(() => split('"a"\rb\n')).toThrow('field 1 has text after its closing quote');
  });
});
