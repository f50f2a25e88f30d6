/**
 * What each vendor accepts, as plain data the experiment schema checks against. Each vendor's
 * folder owns its own table (`infra/<vendor>/capabilities.ts`); nothing here may import Pulumi,
 * because the runner reads these tables too.
 */
export type MemoryRule =
  | { readonly kind: 'range'; readonly minMb: number; readonly maxMb: number; readonly defaultMb: number }
  | { readonly kind: 'choices'; readonly valuesMb: readonly number[]; readonly defaultMb: number }
  | { readonly kind: 'fixed'; readonly valueMb: number; readonly why: string };

export interface VendorCapabilities {
  /** Runtime names this vendor deploys, in the vendor-neutral spelling used by experiment files. */
  readonly runtimes: readonly string[];
  readonly defaultRuntime: string;
  readonly memory: MemoryRule;
  /** Largest package (zip) in MiB, and why that is the limit. */
  readonly maxPackageMb: number;
  readonly maxPackageWhy: string;
  /** Largest number of identical endpoints one sub-experiment may deploy. */
  readonly maxParallelism: number;
  /** Largest spin a request may ask for, in ms; the function refuses more. */
  readonly maxSpinMs: number;
  /** Largest request body (payload) in bytes the vendor's HTTP front end accepts. */
  readonly maxPayloadBytes: number;
}

export function defaultMemoryMb(rule: MemoryRule): number {
  return rule.kind === 'fixed' ? rule.valueMb : rule.defaultMb;
}

/** Returns null when `memoryMb` is allowed, otherwise a sentence saying what is. */
export function memoryProblem(rule: MemoryRule, memoryMb: number): string | null {
  switch (rule.kind) {
    case 'range':
      return memoryMb >= rule.minMb && memoryMb <= rule.maxMb
        ? null
        : `allowed is ${rule.minMb} to ${rule.maxMb}`;
    case 'choices':
      return rule.valuesMb.includes(memoryMb) ? null : `allowed is one of ${rule.valuesMb.join(', ')}`;
    case 'fixed':
      return memoryMb === rule.valueMb ? null : `it is fixed at ${rule.valueMb} (${rule.why})`;
  }
}
