import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CompleteRowsScanner, completeRowsPrefix, cutToCompleteRows, scanCompleteRows } from '../../../runner/results/index.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-complete-rows-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Feeds `text` to a scanner `chunkBytes` bytes at a time. */
function scanInChunks(text: string, chunkBytes: number): number {
  const bytes = Buffer.from(text, 'utf8');
  const scanner = new CompleteRowsScanner();
  for (let at = 0; at < bytes.length; at += chunkBytes) scanner.push(bytes.subarray(at, at + chunkBytes));
  return scanner.completeBytes;
}

describe('where the complete rows of a CSV end', () => {
  test('the last newline outside quotes (a quoted newline and "" inside quotes do not end a row)', () => {
    expect(completeRowsPrefix('h\na,b\nc,d')).toBe('h\na,b\n');
    expect(completeRowsPrefix('h\na,"x\ny"\nc,"p\nq')).toBe('h\na,"x\ny"\n');
    expect(completeRowsPrefix('h\na,"say ""hi""\n"\n')).toBe('h\na,"say ""hi""\n"\n');
    expect(completeRowsPrefix('h\na,"say ""hi""\n')).toBe('h\n');
    expect(completeRowsPrefix('heade')).toBe('');
    expect(completeRowsPrefix('')).toBe('');
    // Offsets are bytes: multi-byte characters before the cut.
    expect(completeRowsPrefix('h\né,"ü\n"\nø,"')).toBe('h\né,"ü\n"\n');
  });

  test('the same end whatever the chunk size: boundaries inside quotes, between the two quotes of "", and at newlines', () => {
    const text = 'h,m\n1,"a\nb"\n2,"say ""hi""\nbye"\n3,x\n4,"cut\ninside';
    const end = Buffer.byteLength('h,m\n1,"a\nb"\n2,"say ""hi""\nbye"\n3,x\n');
    for (let chunkBytes = 1; chunkBytes <= text.length + 1; chunkBytes += 1) expect({ chunkBytes, end: scanInChunks(text, chunkBytes) }).toEqual({ chunkBytes, end });
    // The quoted newline of row 1 exactly at a chunk's end, then at a chunk's start.
    const quotedNewline = text.indexOf('a\nb') + 1;
    expect(scanInChunks(text, quotedNewline)).toBe(end);
    expect(scanInChunks(text, quotedNewline + 1)).toBe(end);
  });

  test('a file scanned with a small chunk size: cut inside quotes, whole, empty, missing', async () => {
    const cutInQuotes = path.join(root, 'cut.csv');
    await writeFile(cutInQuotes, 'h,m\n1,"a\nb"\n2,"open\nstill open');
    expect(await scanCompleteRows(cutInQuotes, 3)).toEqual({ fileBytes: 30, completeBytes: 12 });
    const whole = path.join(root, 'whole.csv');
    await writeFile(whole, 'h,m\n1,"a\nb"\n');
    expect(await scanCompleteRows(whole, 5)).toEqual({ fileBytes: 12, completeBytes: 12 });
    const empty = path.join(root, 'empty.csv');
    await writeFile(empty, '');
    expect(await scanCompleteRows(empty, 2)).toEqual({ fileBytes: 0, completeBytes: 0 });
    expect(await scanCompleteRows(path.join(root, 'missing.csv'), 2)).toEqual({ fileBytes: 0, completeBytes: 0 });
  });
});

describe('cutting a file back to its complete rows', () => {
  test('a row cut inside its quotes is cut away; the rest is kept byte for byte', async () => {
    const file = path.join(root, 'cut-away.csv');
    await writeFile(file, 'h,m\n1,"a\nb"\n2,"open\nstill open');
    expect(await cutToCompleteRows(file, 'h,m', 4)).toEqual({ cutBytes: 18, headerWritten: false });
    expect(await readFile(file, 'utf8')).toBe('h,m\n1,"a\nb"\n');
    // Already whole: left alone.
    expect(await cutToCompleteRows(file, 'h,m', 4)).toEqual({ cutBytes: 0, headerWritten: false });
    expect(await readFile(file, 'utf8')).toBe('h,m\n1,"a\nb"\n');
  });

  test('a file without a complete header line, an empty file, and no file get the header alone', async () => {
    const headless = path.join(root, 'headless.csv');
    await writeFile(headless, 'h,');
    expect(await cutToCompleteRows(headless, 'h,m', 2)).toEqual({ cutBytes: 2, headerWritten: true });
    expect(await readFile(headless, 'utf8')).toBe('h,m\n');
    const empty = path.join(root, 'empty-cut.csv');
    await writeFile(empty, '');
    expect(await cutToCompleteRows(empty, 'h,m', 2)).toEqual({ cutBytes: 0, headerWritten: true });
    expect(await readFile(empty, 'utf8')).toBe('h,m\n');
    const missing = path.join(root, 'missing-cut.csv');
    expect(await cutToCompleteRows(missing, 'h,m', 2)).toEqual({ cutBytes: 0, headerWritten: true });
    expect((await stat(missing)).size).toBe(4);
  });
});
