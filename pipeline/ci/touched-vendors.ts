/**
 * Which vendors a pull request touches, from the paths it changes: a vendor's infra folder, its
 * measurement function's folder, or its experiments. Pure: the vendor list and the paths come in.
 * Shared code (the measurement core, packaging, the runner) touches no vendor in particular and
 * deploys no preview; the test workflow covers it.
 */
export function touchedVendors(vendors: readonly string[], changedPaths: readonly string[]): string[] {
  const touched = new Set<string>();
  for (const file of changedPaths) {
    const [top, second] = file.replace(/^\.\//, '').split('/');
    if (second === undefined) continue;
    if ((top === 'infra' || top === 'measurement-functions' || top === 'experiments') && vendors.includes(second)) touched.add(second);
  }
  return vendors.filter((v) => touched.has(v));
}
