import { UserError } from '../../experiments/schema/index.js';
import type { CloudVendor } from '../../infra/vendors.js';

/**
 * The stack config a unit's stack gets: `faasbench:experiments` and the settings of its vendor,
 * as `pulumi config set --path` keys with plain-text values (never secrets: an ephemeral stack
 * keeps none, reference/pipelines.md §4). Vendor settings come from the environment
 * (FAASBENCH_STACK_CONFIG, a JSON object per vendor, as a CI repository variable holds it) and
 * from --config options, which win.
 */

export type VendorSettings = Readonly<Record<string, Readonly<Record<string, string>>>>;

export const STACK_CONFIG_ENV = 'FAASBENCH_STACK_CONFIG';

/** FAASBENCH_STACK_CONFIG: `{"aws": {"region": "eu-west-1"}, "gcp": {"project": "p", "region": "europe-west1"}}`. */
export function settingsFromEnv(text: string | undefined): VendorSettings {
  if (text === undefined || text.trim() === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${STACK_CONFIG_ENV} is not valid JSON: ${(error as Error).message}. It must be an object per vendor, such as {"aws": {"region": "eu-west-1"}}.`);
  }
  if (!isPlainObject(raw)) throw new UserError(`${STACK_CONFIG_ENV} must be a JSON object per vendor, such as {"aws": {"region": "eu-west-1"}}.`);
  const settings: Record<string, Record<string, string>> = {};
  for (const [vendor, values] of Object.entries(raw)) {
    if (!isPlainObject(values)) throw new UserError(`${STACK_CONFIG_ENV}: "${vendor}" must be an object of settings, such as {"region": "eu-west-1"}.`);
    settings[vendor] = {};
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new UserError(`${STACK_CONFIG_ENV}: ${vendor}.${key} must be a string, number or boolean.`);
      }
      settings[vendor][key] = String(value);
    }
  }
  return settings;
}

/** `--config aws.region=eu-west-1` → settings; later options win. */
export function settingsFromOptions(options: readonly string[], base: VendorSettings): VendorSettings {
  const settings: Record<string, Record<string, string>> = Object.fromEntries(Object.entries(base).map(([v, s]) => [v, { ...s }]));
  for (const option of options) {
    const match = /^([a-z0-9]+)\.([A-Za-z0-9_.]+)=(.*)$/s.exec(option);
    if (match === null) throw new UserError(`--config ${option} is not VENDOR.KEY=VALUE, such as --config aws.region=eu-west-1.`);
    const [, vendor, key, value] = match as unknown as [string, string, string, string];
    settings[vendor] = { ...settings[vendor], [key]: value };
  }
  return settings;
}

/** The config map for one stack: its experiment files and its vendor's settings, as path keys. */
export function stackConfigFor(files: readonly string[], vendor: CloudVendor, settings: VendorSettings): Record<string, string> {
  const config: Record<string, string> = {};
  files.forEach((file, i) => {
    config[`faasbench:experiments[${i}]`] = file;
  });
  for (const [key, value] of Object.entries(settings[vendor] ?? {})) config[`faasbench:${vendor}.${key}`] = value;
  return config;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
