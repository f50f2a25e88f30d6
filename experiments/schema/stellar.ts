import { z } from 'zod';
import { CAPABILITIES, type Vendor } from '../../infra/vendors.js';
import { type ExperimentInput, type IatInput, MAX_NAME_CHARS, type SubExperimentInput } from './input.js';
import type { FieldProblem } from './resolve.js';

/**
 * STeLLAR's experiment JSON (vhive-serverless/STeLLAR, src/setup/extract-configuration.go), so
 * its studies can be rerun here. Every field STeLLAR knows is accepted; unknown keys are refused.
 */
/** STeLLAR's strings are names and short codes; capped like faasbench's own. */
const text = () => z.string().max(MAX_NAME_CHARS);

export const StellarSubExperiment = z.strictObject({
  ID: z.int().optional(),
  Title: text().optional(),
  Bursts: z.int().min(1),
  BurstSizes: z.array(z.int().min(1)).min(1),
  PayloadLengthBytes: z.int().min(0).optional(),
  // Go's zero value when absent: STeLLAR's own data-transfer files leave it out (inline/aws/warm.json).
  IATSeconds: z.number().min(0).optional(),
  DesiredServiceTimes: z.array(text()).min(1).optional(),
  IATType: text().optional(),
  PackageType: text().optional(),
  Parallelism: z.int().min(1).optional(),
  Visualization: text().optional(),
  Function: text().optional(),
  FunctionMemoryMB: z.int().min(1).optional(),
  FunctionImageSizeMB: z.number().min(0).optional(),
  DataTransferChainLength: z.int().min(0).optional(),
  StorageTransfer: z.boolean().optional(),
  Handler: text().optional(),
  Runtime: text().optional(),
  SnapStartEnabled: z.boolean().optional(),
  CPUBoostEnabled: z.boolean().optional(),
  PackagePattern: text().optional(),
  RepurposeIdentifier: text().optional(),
  BusySpinIncrements: z.array(z.number()).optional(),
  Endpoints: z.array(z.unknown()).optional(),
  Routes: z.array(text()).optional(),
});

export const StellarExperiment = z.strictObject({
  Sequential: z.boolean().optional(),
  Provider: text().optional(),
  Runtime: text().optional(),
  SubExperiments: z.array(StellarSubExperiment).min(1),
});
export type StellarExperiment = z.infer<typeof StellarExperiment>;
type StellarSub = z.infer<typeof StellarSubExperiment>;

/** A file is STeLLAR's when its top level uses STeLLAR's PascalCase keys. */
export function looksLikeStellar(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return ['SubExperiments', 'Provider', 'Sequential'].some((key) => key in value);
}

const PROVIDERS: Readonly<Record<string, { vendor: Vendor; note?: string }>> = {
  aws: { vendor: 'aws' },
  azure: { vendor: 'azure' },
  cloudflare: { vendor: 'cloudflare' },
  google: { vendor: 'gcp' },
  vhive: {
    vendor: 'local',
    note: 'Provider "vhive" (a self-hosted Knative cluster in STeLLAR) becomes the embedded local platform, with its own object store in place of MinIO',
  },
  gcr: {
    vendor: 'gcp',
    note: 'Provider "gcr" (Cloud Run containers in STeLLAR) becomes gcp: faasbench deploys Cloud Functions 2nd gen, which run on Cloud Run from a zip',
  },
};

/** STeLLAR's defaults (main branch) for fields the file leaves out. */
const STELLAR_DEFAULT_PROVIDER = 'aws';
const STELLAR_DEFAULT_RUNTIME = 'python3.9';
/** 1: no chain (extract-configuration.go, defaultDataTransferChainLength). */
const STELLAR_DEFAULT_CHAIN_LENGTH = 1;

/**
 * The runtime of a chain sub-experiment whose file names none. STeLLAR's chains ran its Go
 * producer-consumer function whatever the default runtime said; faasbench's chain functions are
 * Node.js, so the vendor's default Node.js runtime stands in for it.
 */
function chainRuntime(vendor: Vendor, note: (field: string, message: string) => void): string {
  const runtime = CAPABILITIES[vendor].defaultRuntime;
  note('Runtime', `is not given; STeLLAR's chains ran its Go producer-consumer function, and faasbench's chain functions run on ${runtime}`);
  return runtime;
}

/** Fields that describe STeLLAR's own machinery; they are read and then ignored. */
const NO_EFFECT: Readonly<Partial<Record<keyof StellarSub, string>>> = {
  ID: 'is computed by STeLLAR itself',
  Function: 'names a STeLLAR function folder; faasbench deploys its own measurement function',
  Handler: 'names a STeLLAR handler; faasbench deploys its own measurement function',
  PackageType: 'is not used: faasbench deploys zip packages',
  PackagePattern: 'is a serverless.com packaging pattern',
  Visualization: 'is not used: faasbench writes all its plots every run',
  SnapStartEnabled: 'is not supported',
  CPUBoostEnabled: 'is not supported',
  RepurposeIdentifier: 'is not used: Pulumi keeps track of deployed functions',
  BusySpinIncrements: 'is not used: faasbench calibrates the busy spin against the deployed function',
  Endpoints: 'is computed by STeLLAR itself; endpoints come from the Pulumi stack',
  Routes: 'is computed by STeLLAR itself; endpoints come from the Pulumi stack',
};

export interface Conversion {
  readonly input: ExperimentInput | null;
  readonly notes: readonly string[];
  readonly problems: readonly FieldProblem[];
}

export function convertStellar(stellar: StellarExperiment, title: string): Conversion {
  const notes: string[] = [];
  const problems: FieldProblem[] = [];

  const providerName = (stellar.Provider ?? STELLAR_DEFAULT_PROVIDER).toLowerCase();
  const provider = PROVIDERS[providerName];
  if (provider === undefined) {
    problems.push({
      path: ['Provider'],
      message: `"${stellar.Provider}" is not supported; allowed is one of ${Object.keys(PROVIDERS).join(', ')}`,
    });
  } else if (provider.note !== undefined) {
    notes.push(provider.note);
  }
  const vendor = provider?.vendor ?? 'aws';

  // The top-level Runtime is converted once; sub-experiments without their own inherit the result.
  // Converted on first use, so a file whose sub-experiments all bring their own (or are chains) gets no note about it.
  let converted: string | undefined;
  const topRuntime = (): string =>
    (converted ??= convertRuntime(
      stellar.Runtime ?? STELLAR_DEFAULT_RUNTIME,
      vendor,
      (message) => problems.push({ path: ['Runtime'], message }),
      (message) => notes.push(`Runtime ${message}`),
    ));

  const titles = new Set<string>();
  const subExperiments = stellar.SubExperiments.map((sub, index) => {
    const report = (field: string, message: string) =>
      problems.push({ path: ['SubExperiments', index, field], message });
    const note = (field: string, message: string) => notes.push(`SubExperiments[${index}].${field} ${message}`);

    for (const [field, why] of Object.entries(NO_EFFECT)) {
      if (sub[field as keyof StellarSub] !== undefined) note(field, `has no effect: it ${why}`);
    }
    const chainLength = sub.DataTransferChainLength ?? STELLAR_DEFAULT_CHAIN_LENGTH;
    const chained = chainLength > 1;
    if (!chained && sub.StorageTransfer !== undefined) {
      note('StorageTransfer', 'has no effect: it applies only to data-transfer chains (DataTransferChainLength above 1)');
    }

    let subTitle = sub.Title?.trim() || `sub-experiment-${index}`;
    if (titles.has(subTitle)) {
      note('Title', `"${subTitle}" repeats an earlier title; renamed to "${subTitle}-${index}"`);
      subTitle = `${subTitle}-${index}`;
    }
    titles.add(subTitle);

    const converted: SubExperimentInput = {
      title: subTitle,
      bursts: sub.Bursts,
      burstSizes: sub.BurstSizes,
      iat: convertIat(sub, note),
      desiredServiceTimesMs: convertServiceTimes(sub.DesiredServiceTimes, report),
      // STeLLAR walks the service-time list once and keeps its last entry (min(round, len-1)).
      serviceTimeOrder: 'step',
      runtime:
        sub.Runtime !== undefined
          ? convertRuntime(sub.Runtime, vendor, (m) => report('Runtime', m), (m) => note('Runtime', m))
          : chained && stellar.Runtime === undefined
            ? chainRuntime(vendor, note)
            : topRuntime(),
      ...(sub.Parallelism !== undefined && { parallelism: sub.Parallelism }),
      ...(chained
        ? {
            chain: {
              length: chainLength,
              transfer: sub.StorageTransfer === true ? 'storage' : 'inline',
              payloadBytes: sub.PayloadLengthBytes ?? 0,
            },
          }
        : sub.PayloadLengthBytes !== undefined && { payloadBytes: sub.PayloadLengthBytes }),
      ...(sub.FunctionMemoryMB !== undefined && convertMemory(sub.FunctionMemoryMB, vendor, note)),
      ...(sub.FunctionImageSizeMB !== undefined && {
        packageSizeMb: convertImageSize(sub.FunctionImageSizeMB, note),
      }),
    };
    return converted;
  });

  if (problems.length > 0) return { input: null, notes, problems };
  return {
    input: {
      title,
      vendor,
      execution: stellar.Sequential === true ? 'sequential' : 'parallel',
      subExperiments,
    },
    notes,
    problems,
  };
}

function convertIat(sub: StellarSub, note: (field: string, message: string) => void): IatInput {
  const type = sub.IATType ?? 'stochastic';
  const seconds = sub.IATSeconds ?? 0;
  if (sub.IATSeconds === undefined) note('IATSeconds', 'is not given; STeLLAR reads it as 0');
  if (type === 'stochastic') {
    if (seconds > 1) return { distribution: 'shifted-exponential', stellarIatSeconds: seconds };
    note('IATSeconds', `${seconds} with IATType "stochastic" is degenerate in STeLLAR (ln(IAT) <= 0); converted to a fixed IAT of ${seconds} s`);
    return { distribution: 'fixed', ms: seconds * 1000 };
  }
  if (type === 'deterministic' || type === 'step') {
    // STeLLAR computes time.Duration(IATSeconds) * time.Second: the fraction is dropped.
    const whole = Math.trunc(seconds);
    if (whole !== seconds) note('IATSeconds', `${seconds} is truncated to ${whole} s, as STeLLAR does for IATType "${type}"`);
    if (type === 'step') note('IATType', '"step" is in effect a constant IAT in STeLLAR; converted to fixed');
    return { distribution: 'fixed', ms: whole * 1000 };
  }
  note('IATType', `"${type}" is unknown to STeLLAR, which falls back to "stochastic"; so does this conversion`);
  return seconds > 1
    ? { distribution: 'shifted-exponential', stellarIatSeconds: seconds }
    : { distribution: 'fixed', ms: seconds * 1000 };
}

const GO_DURATION_UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};

/** Parses Go's time.ParseDuration syntax ("0ms", "1.5s", "1m30s") into milliseconds. */
export function parseGoDurationMs(text: string): number | null {
  if (text === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = part.exec(text); match !== null; match = part.exec(text)) {
    total += Number(match[1]) * (GO_DURATION_UNIT_MS[match[2] as string] as number);
    consumed = part.lastIndex;
  }
  return consumed === text.length && consumed > 0 ? total : null;
}

function convertServiceTimes(
  durations: readonly string[] | undefined,
  report: (field: string, message: string) => void,
): number[] {
  if (durations === undefined) return [0];
  return durations.map((text) => {
    const ms = parseGoDurationMs(text.trim());
    if (ms === null) {
      report('DesiredServiceTimes', `"${text}" is not a Go duration such as "0ms", "250ms" or "1.5s"`);
      return 0;
    }
    return ms;
  });
}

function convertRuntime(
  runtime: string,
  vendor: Vendor,
  report: (message: string) => void,
  note: (message: string) => void,
): string {
  if (vendor === 'cloudflare') {
    note(`"${runtime}" has no effect: Cloudflare Workers run JavaScript in workerd`);
    return 'workerd';
  }
  const converted = modernRuntime(runtime);
  const allowed = CAPABILITIES[vendor].runtimes;
  if (converted === null) {
    report(`"${runtime}" is not supported; faasbench's measurement functions exist for Node.js and Python, and on ${vendor} allowed is one of ${allowed.join(', ')}`);
    return runtime;
  }
  if (!allowed.includes(converted)) {
    const as = converted === runtime ? '' : ` (${converted} in faasbench)`;
    report(`"${runtime}"${as} is not available on ${vendor}; allowed is one of ${allowed.join(', ')}`);
    return converted;
  }
  if (converted !== runtime) note(`"${runtime}" is past its end of support; faasbench uses ${converted}`);
  return converted;
}

/** Maps a STeLLAR runtime to the oldest still-deployable runtime of the same language, or null. */
function modernRuntime(runtime: string): string | null {
  const python = /^python3\.(\d+)$/.exec(runtime);
  if (python !== null) return Number(python[1]) >= 12 ? runtime : 'python3.12';
  const node = /^nodejs(\d+)(?:\.x)?$/.exec(runtime);
  if (node !== null) return Number(node[1]) >= 22 ? `nodejs${node[1]}` : 'nodejs22';
  return null;
}

function convertMemory(memoryMb: number, vendor: Vendor, note: (field: string, message: string) => void) {
  if (vendor === 'azure' || vendor === 'cloudflare') {
    note('FunctionMemoryMB', `has no effect on ${vendor}, where memory is fixed`);
    return {};
  }
  note('FunctionMemoryMB', 'is applied by faasbench (STeLLAR\'s serverless.com path ignored it and deployed the framework default)');
  return { memoryMb };
}

function convertImageSize(sizeMb: number, note: (field: string, message: string) => void): number {
  // STeLLAR computes int64(FunctionImageSizeMB) * 1 MiB.
  const whole = Math.trunc(sizeMb);
  if (whole !== sizeMb) note('FunctionImageSizeMB', `${sizeMb} is truncated to ${whole} MiB, as STeLLAR does`);
  return whole;
}

const STELLAR_FIELD_NAMES: Readonly<Record<string, string>> = {
  subExperiments: 'SubExperiments',
  title: 'Title',
  bursts: 'Bursts',
  burstSizes: 'BurstSizes',
  iat: 'IATSeconds',
  desiredServiceTimesMs: 'DesiredServiceTimes',
  parallelism: 'Parallelism',
  runtime: 'Runtime',
  memoryMb: 'FunctionMemoryMB',
  packageSizeMb: 'FunctionImageSizeMB',
  payloadBytes: 'PayloadLengthBytes',
  chain: 'DataTransferChainLength',
  vendor: 'Provider',
  execution: 'Sequential',
};

/** Fields of a converted chain, by the STeLLAR field each came from. */
const CHAIN_FIELD_NAMES: Readonly<Record<string, string>> = {
  length: 'DataTransferChainLength',
  transfer: 'StorageTransfer',
  payloadBytes: 'PayloadLengthBytes',
};

/**
 * Renames a path in the converted experiment back to the STeLLAR field the user wrote, so an
 * error about a converted value names the field in their file. Parts past a renamed leaf (such as
 * the inside of `iat`) have no STeLLAR counterpart and are dropped.
 */
export function toStellarPath(path: readonly (string | number)[]): (string | number)[] {
  const out: (string | number)[] = [];
  for (const [at, part] of path.entries()) {
    if (typeof part === 'number') {
      out.push(part);
      continue;
    }
    if (part === 'chain') {
      const inner = path[at + 1];
      out.push(inner === undefined ? 'DataTransferChainLength' : (CHAIN_FIELD_NAMES[String(inner)] ?? 'DataTransferChainLength'));
      break;
    }
    const name = STELLAR_FIELD_NAMES[part];
    if (name === undefined) break;
    out.push(name);
    if (part !== 'subExperiments' && part !== 'desiredServiceTimesMs') break;
  }
  return out;
}
