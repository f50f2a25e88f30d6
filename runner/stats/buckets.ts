/**
 * Rows grouped by a counting sort: given each row's group (0 .. groups − 1, or −1 to leave it out),
 * the rows of group g are `order[offsets[g] .. offsets[g + 1])`, in row order. Two passes over
 * typed arrays, no object per row: how columnar statistics and charts gather a group's values.
 */
export interface Buckets {
  readonly order: Int32Array;
  readonly offsets: Int32Array;
}

export function bucketRows(groupOf: Int32Array, groups: number): Buckets {
  const offsets = new Int32Array(groups + 1);
  for (let row = 0; row < groupOf.length; row += 1) {
    const group = groupOf[row] as number;
    if (group >= 0) offsets[group + 1] = (offsets[group + 1] as number) + 1;
  }
  for (let g = 1; g <= groups; g += 1) offsets[g] = (offsets[g] as number) + (offsets[g - 1] as number);
  const order = new Int32Array(offsets[groups] as number);
  const next = offsets.slice(0, groups);
  for (let row = 0; row < groupOf.length; row += 1) {
    const group = groupOf[row] as number;
    if (group < 0) continue;
    const at = next[group] as number;
    order[at] = row;
    next[group] = at + 1;
  }
  return { order, offsets };
}
