import type { CloudVendor } from '../vendors.js';

/**
 * One account limit a stack would run into. `refuse`: the stack certainly asks for more than the
 * limit (`pulumi up` stops before creating anything); `warn`: it may, depending on what else runs
 * at the same time or what the account already has.
 */
export interface PreflightFinding {
  readonly level: 'refuse' | 'warn';
  readonly vendor: CloudVendor;
  /** The limit, as the vendor names it, e.g. "Lambda concurrent executions in eu-west-1". */
  readonly quota: string;
  readonly asked: number;
  readonly limit: number;
  /** How `asked` was counted, naming the experiments it comes from. */
  readonly why: string;
  /** The stack config key that tells faasbench an account's raised limit. */
  readonly setting: string;
  readonly howToRaise: string;
}

/** One paragraph: what is asked, the limit, why, and how to raise it. */
export function formatFinding(finding: PreflightFinding): string {
  const verb = finding.level === 'refuse' ? 'asks for' : 'may ask for';
  return (
    `${finding.vendor}: ${finding.quota}: the stack ${verb} ${finding.asked.toLocaleString('en-US')}, ` +
    `the limit is ${finding.limit.toLocaleString('en-US')} (${finding.why}). ` +
    `If your account's limit is higher, set ${finding.setting}; to raise it: ${finding.howToRaise}.`
  );
}
