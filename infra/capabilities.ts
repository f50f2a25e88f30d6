/**
 * What each vendor accepts, as plain data the experiment schema checks against. Each vendor's
 * folder owns its own table (`infra/<vendor>/capabilities.ts`); nothing here may import Pulumi,
 * because the runner reads these tables too.
 */
export type MemoryRule =
  | { readonly kind: 'range'; readonly minMb: number; readonly maxMb: number; readonly defaultMb: number }
  | { readonly kind: 'choices'; readonly valuesMb: readonly number[]; readonly defaultMb: number }
  | { readonly kind: 'fixed'; readonly valueMb: number; readonly why: string }
  | PlanMemoryRule;

/**
 * Memory that depends on the hosting plan a stack chooses (a stack config key, so the experiment
 * file cannot know it): a file may ask for any size some plan sells, and `pulumi up` checks it
 * against the stack's plan with memoryProblemOnPlan. The default is the first plan's.
 */
export interface PlanMemoryRule {
  readonly kind: 'per-plan';
  /** The stack config key that picks the plan, for messages, e.g. "faasbench:azure.plan". */
  readonly planSetting: string;
  readonly plans: readonly PlanMemory[];
  readonly defaultMb: number;
}

export interface PlanMemory {
  /** The plan as the stack config spells it, e.g. "flex-consumption". */
  readonly plan: string;
  /** The plan as people call it, e.g. "Flex Consumption". */
  readonly label: string;
  readonly rule: Extract<MemoryRule, { kind: 'choices' | 'fixed' }>;
}

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

/** Returns null when `memoryMb` is allowed on `plan`, otherwise a sentence saying what is. */
export function memoryProblemOnPlan(rule: PlanMemoryRule, plan: string, memoryMb: number): string | null {
  const found = rule.plans.find((p) => p.plan === plan);
  if (found === undefined) throw new Error(`no memory rule for plan ${plan}`);
  const problem = memoryProblem(found.rule, memoryMb);
  return problem === null ? null : `on ${found.label} (${rule.planSetting} ${plan}) ${problem}`;
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
    case 'per-plan':
      return rule.plans.some((p) => memoryProblem(p.rule, memoryMb) === null)
        ? null
        : `allowed is ${rule.plans.map((p) => `${describeRule(p.rule)} on ${p.label} (${rule.planSetting} ${p.plan})`).join(', or ')}`;
  }
}

function describeRule(rule: PlanMemory['rule']): string {
  return rule.kind === 'fixed' ? `${rule.valueMb}` : `one of ${rule.valuesMb.join(', ')}`;
}
