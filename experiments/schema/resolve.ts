import { defaultMemoryMb, memoryProblem } from '../../infra/capabilities.js';
import { CAPABILITIES, type Vendor } from '../../infra/vendors.js';
import { resolveChain } from './chain.js';
import type { ExperimentInput, IatInput, SubExperimentInput } from './input.js';
import { expandKeepAlive } from './keep-alive.js';
import type {
  ResolvedExperiment,
  ResolvedIat,
  ResolvedLocalPlatform,
  ResolvedSubExperiment,
} from './resolved.js';

/** One problem with one field, before it is worded for a particular file. */
export interface FieldProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface ResolveOptions {
  readonly file: string;
  readonly format: ResolvedExperiment['format'];
  readonly conversionNotes?: readonly string[];
  /** Draws a seed when the file has none; injected so tests can fix it. */
  readonly drawSeed: () => number;
}

/** Defaults shared by every vendor; vendor-dependent ones come from infra/<vendor>/capabilities.ts. */
export const DEFAULTS = {
  vendor: 'local' as Vendor,
  execution: 'parallel' as const,
  desiredServiceTimesMs: [0] as readonly number[],
  serviceTimeOrder: 'cycle' as const,
  parallelism: 1,
  packageSizeMb: 0,
  payloadBytes: 0,
  connection: 'fresh' as const,
  requestTimeoutMs: 60_000,
  /**
   * Well above the gap an on-demand cold start shows between init end and its first request
   * (Lambda invokes at once; Azure's worker loads the app when it specialises, then the host
   * dispatches; Cloud Run routes once the container listens on its port: milliseconds to about a
   * second) and well below the gaps of instances initialised ahead: AWS documents that Lambda may
   * initialise environments before any request, leaving a gap between Init and Invoke
   * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html), seen from
   * tens of seconds to minutes; Datadog's Lambda tracer uses the same 10 s to flag such starts.
   */
  preinitThresholdMs: 10_000,
  local: { keepAliveMs: 10_000, maxInstancesPerFunction: 32, prewarm: null } satisfies ResolvedLocalPlatform,
  addressFamily: 'ipv4' as const,
};

export type ResolveResult =
  | { readonly ok: true; readonly experiment: ResolvedExperiment }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

export function resolveExperiment(input: ExperimentInput, options: ResolveOptions): ResolveResult {
  const problems: FieldProblem[] = [];
  const vendor = input.vendor ?? DEFAULTS.vendor;

  if (input.local !== undefined && vendor !== 'local') {
    problems.push({ path: ['local'], message: `is only allowed with vendor "local" (vendor is "${vendor}")` });
  }
  const local: ResolvedLocalPlatform | null =
    vendor === 'local'
      ? {
          keepAliveMs: input.local?.keepAliveMs ?? DEFAULTS.local.keepAliveMs,
          maxInstancesPerFunction:
            input.local?.maxInstancesPerFunction ?? DEFAULTS.local.maxInstancesPerFunction,
          prewarm:
            input.local?.prewarm === undefined
              ? DEFAULTS.local.prewarm
              : { instances: input.local.prewarm.instances, replenish: input.local.prewarm.replenish ?? true },
        }
      : null;
  if (local?.prewarm != null && local.prewarm.instances > local.maxInstancesPerFunction) {
    problems.push({
      path: ['local', 'prewarm', 'instances'],
      message: `${local.prewarm.instances} is more than local.maxInstancesPerFunction (${local.maxInstancesPerFunction})`,
    });
  }

  const keepAlive = resolveKeepAliveBlock(input, vendor, problems);
  const subInputs = keepAlive?.subExperiments ?? input.subExperiments ?? [];

  const seen = new Map<string, number>();
  subInputs.forEach((sub, index) => {
    const first = seen.get(sub.title);
    if (first !== undefined) {
      problems.push({
        path: ['subExperiments', index, 'title'],
        message: `"${sub.title}" is already the title of subExperiments[${first}]; titles must be unique`,
      });
    } else {
      seen.set(sub.title, index);
    }
  });

  const subExperiments = subInputs.map((sub, index) =>
    resolveSubExperiment(sub, index, vendor, (path, message) =>
      // A keep-alive study's settings are written once, in its block: a problem there is named there, once.
      problems.push({ path: keepAlive === null ? ['subExperiments', index, ...path] : ['keepAlive', ...path], message }),
    ),
  );

  if (problems.length > 0) return { ok: false, problems: distinctProblems(problems) };
  const seedGenerated = input.seed === undefined;
  return {
    ok: true,
    experiment: {
      file: options.file,
      format: options.format,
      title: input.title,
      description: input.description ?? '',
      vendor,
      execution: input.execution ?? DEFAULTS.execution,
      seed: input.seed ?? options.drawSeed(),
      seedGenerated,
      local,
      subExperiments,
      keepAlive: keepAlive?.study ?? null,
      conversionNotes: options.conversionNotes ?? [],
    },
  };
}

type Report = (path: readonly (string | number)[], message: string) => void;

/** Either a `keepAlive` block, expanded, or `subExperiments`: exactly one of the two. */
function resolveKeepAliveBlock(input: ExperimentInput, vendor: Vendor, problems: FieldProblem[]) {
  if (input.keepAlive === undefined) {
    if (input.subExperiments === undefined) problems.push({ path: ['subExperiments'], message: 'is required (a list), unless a keepAlive block makes them' });
    return null;
  }
  if (input.subExperiments !== undefined) {
    problems.push({
      path: ['keepAlive'],
      message: 'cannot be combined with subExperiments: a keep-alive study makes its own sub-experiments, one per idle time; put other sub-experiments in a file of their own',
    });
  }
  if (input.execution === 'sequential') {
    problems.push({
      path: ['execution'],
      message: 'must be "parallel" in a keep-alive study: its idle times run side by side, which is what keeps it within keepAlive.wallBudgetMs',
    });
  }
  return expandKeepAlive(input.keepAlive, vendor, (path, message) => problems.push({ path: ['keepAlive', ...path], message }));
}

function distinctProblems(problems: readonly FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify([problem.path, problem.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function resolveSubExperiment(
  sub: SubExperimentInput,
  index: number,
  vendor: Vendor,
  report: Report,
): ResolvedSubExperiment {
  const caps = CAPABILITIES[vendor];

  const runtime = sub.runtime ?? caps.defaultRuntime;
  if (!caps.runtimes.includes(runtime)) {
    report(['runtime'], `"${runtime}" is not available on ${vendor}; allowed is one of ${caps.runtimes.join(', ')}`);
  }

  const memoryMb = sub.memoryMb ?? defaultMemoryMb(caps.memory);
  const memoryIssue = memoryProblem(caps.memory, memoryMb);
  if (memoryIssue !== null) report(['memoryMb'], `${memoryMb} is not allowed on ${vendor}: ${memoryIssue}`);

  const packageSizeMb = sub.packageSizeMb ?? DEFAULTS.packageSizeMb;
  if (packageSizeMb > caps.maxPackageMb) {
    report(['packageSizeMb'], `${packageSizeMb} is too large for ${vendor}: at most ${caps.maxPackageMb} (${caps.maxPackageWhy})`);
  }

  const parallelism = sub.parallelism ?? DEFAULTS.parallelism;
  if (parallelism > caps.maxParallelism) {
    report(['parallelism'], `${parallelism} is more than ${vendor} allows per sub-experiment (at most ${caps.maxParallelism})`);
  }

  const payloadBytes = sub.payloadBytes ?? DEFAULTS.payloadBytes;
  if (payloadBytes > caps.maxPayloadBytes) {
    report(['payloadBytes'], `${payloadBytes} is more than ${vendor} accepts in a request body (at most ${caps.maxPayloadBytes})`);
  }

  const desiredServiceTimesMs = sub.desiredServiceTimesMs ?? DEFAULTS.desiredServiceTimesMs;
  const requestTimeoutMs = sub.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  desiredServiceTimesMs.forEach((ms, i) => {
    if (ms > caps.maxSpinMs) {
      report(['desiredServiceTimesMs', i], `${ms} is more than the functions on ${vendor} will spin (at most ${caps.maxSpinMs} ms)`);
    } else if (ms >= requestTimeoutMs) {
      report(['desiredServiceTimesMs', i], `${ms} is not below requestTimeoutMs (${requestTimeoutMs}); every request would time out`);
    }
  });

  return {
    index,
    title: sub.title,
    bursts: sub.bursts,
    burstSizes: sub.burstSizes,
    iat: resolveIat(sub.iat, (path, message) => report(['iat', ...path], message)),
    desiredServiceTimesMs,
    serviceTimeOrder: sub.serviceTimeOrder ?? DEFAULTS.serviceTimeOrder,
    parallelism,
    runtime,
    memoryMb,
    packageSizeMb,
    payloadBytes,
    connection: sub.connection ?? DEFAULTS.connection,
    requestTimeoutMs,
    coldThresholdMs: sub.coldThresholdMs ?? null,
    preinitThresholdMs: sub.preinitThresholdMs ?? DEFAULTS.preinitThresholdMs,
    addressFamily: sub.addressFamily ?? DEFAULTS.addressFamily,
    chain: sub.chain === undefined ? null : resolveChain(sub.chain, { runtime, memoryMb, payloadBytes: sub.payloadBytes }, vendor, report),
  };
}

function resolveIat(iat: IatInput, report: Report): ResolvedIat {
  switch (iat.distribution) {
    case 'fixed':
      return { distribution: 'fixed', ms: iat.ms };
    case 'exponential':
      return { distribution: 'exponential', meanMs: iat.meanMs };
    case 'uniform':
      if (iat.minMs > iat.maxMs) report(['minMs'], `${iat.minMs} is larger than maxMs (${iat.maxMs})`);
      return { distribution: 'uniform', minMs: iat.minMs, maxMs: iat.maxMs };
    case 'shifted-exponential': {
      const native = iat.shiftMs !== undefined || iat.scaleMs !== undefined;
      if (iat.stellarIatSeconds !== undefined) {
        if (native) {
          report(['stellarIatSeconds'], 'cannot be combined with shiftMs/scaleMs; give either STeLLAR\'s IAT or shiftMs and scaleMs');
        }
        // STeLLAR: delta = IAT + ln(IAT)·Exp(1) seconds.
        return {
          distribution: 'shifted-exponential',
          shiftMs: iat.stellarIatSeconds * 1000,
          scaleMs: Math.log(iat.stellarIatSeconds) * 1000,
          parametrisation: 'stellar',
        };
      }
      if (iat.shiftMs === undefined) report(['shiftMs'], 'is required (or give stellarIatSeconds instead)');
      if (iat.scaleMs === undefined) report(['scaleMs'], 'is required (or give stellarIatSeconds instead)');
      return {
        distribution: 'shifted-exponential',
        shiftMs: iat.shiftMs ?? 0,
        scaleMs: iat.scaleMs ?? 1,
        parametrisation: 'native',
      };
    }
  }
}
