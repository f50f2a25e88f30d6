/**
 * RFC 3339 UTC timestamps with microsecond fractions (`2026-11-23T14:05:12.250125Z`). Records keep
 * µs precision, and Date#toISOString would cut it to ms. Go's time.Parse(time.RFC3339, …) and
 * pandas.to_datetime both accept any number of fractional digits, so STeLLAR's tools read these.
 */
export function rfc3339Micros(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`timestamp must be a finite number of ms, got ${epochMs}`);
  // Epoch µs stay below 2^53 until the year 2255, so the integer arithmetic is exact.
  const totalMicros = Math.round(epochMs * 1000);
  const wholeMs = Math.floor(totalMicros / 1000);
  const extraMicros = totalMicros - wholeMs * 1000;
  const iso = new Date(wholeMs).toISOString(); // …T14:05:12.250Z
  return `${iso.slice(0, -1)}${String(extraMicros).padStart(3, '0')}Z`;
}
