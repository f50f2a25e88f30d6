import path from 'node:path';
import { UserError } from '../../experiments/schema/index.js';
import type { CloudVendor } from '../../infra/vendors.js';

/**
 * The stack config a unit's stack gets: `faasbench:experiments` and the settings of its vendor,
 * as `pulumi config set --path` keys with plain-text values (never secrets: an ephemeral stack
 * keeps none, reference/pipelines.md §4). Vendor settings come from the environment
 * (FAASBENCH_STACK_CONFIG, JSON as a CI repository variable holds it) and from --config options,
 * which win. A file can have settings of its own under "files" (a Flex Consumption study needs
 * `azure.plan flex-consumption` where the other Azure studies need the default plan).
 */

/** Per vendor: dotted keys (`flex.maximumInstanceCount`) to text values. */
export type VendorSettings = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface StackSettings {
  readonly vendors: VendorSettings;
  /** Per experiment file (as named on the command line or in the matrix), settings that win over `vendors`. */
  readonly files: Readonly<Record<string, VendorSettings>>;
}

export const STACK_CONFIG_ENV = 'FAASBENCH_STACK_CONFIG';
const EXAMPLE = '{"aws": {"region": "eu-west-1"}, "files": {"experiments/azure/flex-cold-baseline.json": {"azure": {"plan": "flex-consumption"}}}}';

/** FAASBENCH_STACK_CONFIG: settings per vendor, and under "files" per experiment file. */
export function settingsFromEnv(text: string | undefined): StackSettings {
  if (text === undefined || text.trim() === '') return { vendors: {}, files: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${STACK_CONFIG_ENV} is not valid JSON: ${(error as Error).message}. It must be an object per vendor, such as ${EXAMPLE}.`);
  }
  if (!isPlainObject(raw)) throw new UserError(`${STACK_CONFIG_ENV} must be a JSON object per vendor, such as ${EXAMPLE}.`);
  const { files, ...vendors } = raw;
  const perFile: Record<string, VendorSettings> = {};
  if (files !== undefined) {
    if (!isPlainObject(files)) throw new UserError(`${STACK_CONFIG_ENV}: "files" must map experiment files to settings per vendor, such as ${EXAMPLE}.`);
    for (const [file, settings] of Object.entries(files)) {
      if (!isPlainObject(settings)) throw new UserError(`${STACK_CONFIG_ENV}: files."${file}" must be settings per vendor, such as {"azure": {"plan": "flex-consumption"}}.`);
      perFile[file] = vendorSettings(settings, `files."${file}".`);
    }
  }
  return { vendors: vendorSettings(vendors, ''), files: perFile };
}

function vendorSettings(raw: Record<string, unknown>, where: string): VendorSettings {
  const settings: Record<string, Record<string, string>> = {};
  for (const [vendor, values] of Object.entries(raw)) {
    if (!isPlainObject(values)) throw new UserError(`${STACK_CONFIG_ENV}: ${where}"${vendor}" must be an object of settings, such as {"region": "eu-west-1"}.`);
    settings[vendor] = flatten(values, `${where}${vendor}`);
  }
  return settings;
}

/** {flex: {maximumInstanceCount: 100}} → {"flex.maximumInstanceCount": "100"}. */
function flatten(values: Record<string, unknown>, where: string, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (isPlainObject(value)) Object.assign(flat, flatten(value, where, `${prefix}${key}.`));
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') flat[`${prefix}${key}`] = String(value);
    else throw new UserError(`${STACK_CONFIG_ENV}: ${where}.${prefix}${key} must be a string, number, boolean or object.`);
  }
  return flat;
}

/** `--config aws.region=eu-west-1` → vendor settings; later options win. */
export function settingsFromOptions(options: readonly string[], base: StackSettings): StackSettings {
  const vendors: Record<string, Record<string, string>> = Object.fromEntries(Object.entries(base.vendors).map(([v, s]) => [v, { ...s }]));
  for (const option of options) {
    const match = /^([a-z0-9]+)\.([A-Za-z0-9_.]+)=(.*)$/s.exec(option);
    if (match === null) throw new UserError(`--config ${option} is not VENDOR.KEY=VALUE, such as --config aws.region=eu-west-1.`);
    const [, vendor, key, value] = match as unknown as [string, string, string, string];
    vendors[vendor] = { ...vendors[vendor], [key]: value };
  }
  return { vendors, files: base.files };
}

/** The settings for one experiment file: its own under "files" (matched by path) over the vendor's. */
export function settingsForFile(settings: StackSettings, file: string): VendorSettings {
  const own = Object.entries(settings.files).find(([name]) => path.resolve(name) === path.resolve(file))?.[1] ?? {};
  const merged: Record<string, Record<string, string>> = Object.fromEntries(Object.entries(settings.vendors).map(([v, s]) => [v, { ...s }]));
  for (const [vendor, values] of Object.entries(own)) merged[vendor] = { ...merged[vendor], ...values };
  return merged;
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
