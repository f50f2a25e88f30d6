import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
// Before any ZipFile is made: yazl's CRC through zlib (see the file for why).
import './yazl-crc32.js';
import { fillerStream } from './filler.js';
import { FILLER_NAME, type PackagePlan } from './zip-layout.js';
import { createDigestTap } from './digest-tap.js';

export interface WrittenZip {
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Every entry's metadata is fixed so a build is byte-identical on any machine and any day:
 * 1980-01-01 00:00 as a local DOS date (yazl writes local date parts, the same in every time
 * zone) and no extended timestamp field (forceDosTimestamp: it would hold UTC seconds, which do
 * depend on the zone), a regular file with the recipe's mode, stored (compress: false).
 */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const REGULAR_FILE = 0o100000;
const entryOptions = (mode: number) => ({ mtime: FIXED_MTIME, mode: REGULAR_FILE | (mode & 0o7777), compress: false, forceDosTimestamp: true });

/**
 * Writes the planned package with yazl: the code from memory, the filler streamed from its
 * generator (never whole in memory; yazl takes its CRC on the way and writes it in a data
 * descriptor), the sha256 of the whole file computed as it goes to disk. yazl's final size
 * callback must announce exactly the planned size before any byte is kept.
 */
export async function writeZip(path: string, plan: PackagePlan): Promise<WrittenZip> {
  const zip = new yazl.ZipFile();
  for (const entry of plan.code) zip.addBuffer(entry.data, entry.name, entryOptions(entry.mode));
  const fillerBytes = plan.fillerBytes;
  if (fillerBytes !== null) {
    zip.addReadStreamLazy(FILLER_NAME, { ...entryOptions(0o644), size: fillerBytes }, (give) => give(null, fillerStream(fillerBytes)));
  }
  let announced: number | undefined;
  const endOptions = plan.commentBytes > 0 ? { comment: ' '.repeat(plan.commentBytes) } : undefined;
  // @types/yazl leaves out the callback's argument: the total size, known when every size is.
  (zip.end as (options: unknown, callback: (total: number) => void) => void).call(zip, endOptions, (total) => {
    announced = total;
  });
  if (announced !== plan.totalBytes) {
    throw new Error(`yazl announces a ${String(announced)}-byte package where ${plan.totalBytes} bytes were planned`);
  }

  const tap = createDigestTap();
  const failed = new Promise<never>((_resolve, reject) => zip.once('error', reject));
  failed.catch(() => undefined);
  await Promise.race([pipeline(zip.outputStream, tap.stream, createWriteStream(path)), failed]);
  if (tap.bytes() !== plan.totalBytes) throw new Error(`package came out at ${tap.bytes()} bytes, planned ${plan.totalBytes}`);
  return { bytes: tap.bytes(), sha256: tap.sha256() };
}
