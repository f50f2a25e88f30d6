import { z } from 'zod';
import { formatPath, UserError } from '../experiments/schema/index.js';
import type { CloudVendor } from './vendors.js';

/**
 * The stack config (`Pulumi.<stack>.yaml`, namespace `faasbench`), parsed once with the same
 * discipline as experiment files: strict objects, and an error that names the key and the
 * `pulumi config set` command that fixes it. Credentials are not here: each provider reads its
 * own (AWS_PROFILE, `az login`, `gcloud auth application-default login`, CLOUDFLARE_API_TOKEN).
 */

/** An account limit the user may have had raised: a whole number of at least 1. */
const limit = () => z.int().min(1);

export const AwsStackConfig = z.strictObject({
  /** Region every AWS resource of the stack goes to, e.g. "eu-west-1". */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must look like "eu-west-1"'),
  /** Lambda instruction set. @default "x86_64" */
  architecture: z.enum(['x86_64', 'arm64']).default('x86_64'),
  /** The account's concurrent executions quota in the region, when raised (preflight). @default 1000 */
  concurrencyLimit: limit().optional(),
});

export const AZURE_PLANS = ['consumption', 'flex-consumption'] as const;
export type AzurePlan = (typeof AZURE_PLANS)[number];

/** Flex Consumption's own scale settings (functionAppConfig.scaleAndConcurrency). */
export const AzureFlexConfig = z.strictObject({
  /**
   * Most instances one app may scale to; Flex accepts 40 to 1000. Unset: 100, or as many as the
   * largest burst needs.
   */
  maximumInstanceCount: z.int().min(40, 'must be at least 40 (the lowest Flex Consumption allows)').max(1000, 'must be at most 1000 (the highest Flex Consumption allows)').optional(),
  /** HTTP requests one instance serves at once. @default 1 (every request of a burst gets its own instance, as on Lambda) */
  perInstanceConcurrency: z.int().min(1).max(1000).default(1),
});

export const AzureStackConfig = z
  .strictObject({
    /** Azure location of the resource group and every Function App, e.g. "westeurope". */
    location: z.string().regex(/^[a-z0-9]+$/, 'must be an Azure location name such as "westeurope"'),
    /**
     * Hosting plan: "consumption" (Linux Consumption, Y1: STeLLAR's plan, retiring 2028-09-30) or
     * "flex-consumption" (FC1). @default "consumption"
     */
    plan: z.enum(AZURE_PLANS).default('consumption'),
    /** Flex Consumption scale settings; only with plan "flex-consumption". */
    flex: AzureFlexConfig.optional(),
    /** Linux Consumption plans the subscription may have in the region, when raised (preflight). @default 100 */
    plansPerRegionLimit: limit().optional(),
    /** Flex Consumption instance memory the subscription may use in the region, in MB, when raised (preflight). @default 512000 */
    flexMemoryLimitMb: limit().optional(),
  })
  .refine((azure) => azure.flex === undefined || azure.plan === 'flex-consumption', {
    path: ['flex'],
    message: 'is only for faasbench:azure.plan flex-consumption',
  });

export const GcpStackConfig = z.strictObject({
  /** Google Cloud project id that pays for the functions. */
  project: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a Google Cloud project id'),
  /** Region of the functions and their source bucket, e.g. "europe-west1". */
  region: z.string().regex(/^[a-z]+-[a-z]+\d$/, 'must look like "europe-west1"'),
  /**
   * An existing service account (its e-mail) Cloud Build builds the functions as. Unset: the stack
   * makes one with the roles a build needs (infra/gcp/README.md).
   */
  buildServiceAccount: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+\.gserviceaccount\.com$/, 'must be a service account e-mail such as builder@my-project.iam.gserviceaccount.com')
    .optional(),
  /** Functions (Cloud Run services) the project may have in the region (preflight). @default 1000 */
  functionsPerRegionLimit: limit().optional(),
  /** Builds Cloud Build runs at once for the project (preflight). @default 10 (new projects get 10 to 30) */
  concurrentBuildsLimit: limit().optional(),
});

export const CloudflareStackConfig = z.strictObject({
  /** Account that owns the Workers (32 hex characters, on the dashboard's Workers overview). */
  accountId: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 hexadecimal characters'),
  /** The account's workers.dev subdomain: scripts are served at <script>.<subdomain>.workers.dev. */
  workersDevSubdomain: z.string().regex(/^[a-z0-9-]+$/, 'must be the subdomain alone, without ".workers.dev"'),
  /** Workers compatibility date the scripts run with. @default "2026-09-01" */
  compatibilityDate: z.iso.date().default('2026-09-01'),
  /** The account's Workers plan: "paid" (Workers Paid) or "free". @default "paid" */
  plan: z.enum(['paid', 'free']).default('paid'),
  /** Scripts the account may have, when raised (preflight). @default 500 on Workers Paid, 100 on Free */
  scriptLimit: limit().optional(),
});

export const StackConfig = z.strictObject({
  /** Experiment files this stack deploys, relative to the project root. */
  experiments: z.array(z.string().min(1)).min(1),
  aws: AwsStackConfig.optional(),
  azure: AzureStackConfig.optional(),
  gcp: GcpStackConfig.optional(),
  cloudflare: CloudflareStackConfig.optional(),
});
export type StackConfig = z.infer<typeof StackConfig>;
export type VendorStackConfig = {
  aws: z.infer<typeof AwsStackConfig>;
  azure: z.infer<typeof AzureStackConfig>;
  gcp: z.infer<typeof GcpStackConfig>;
  cloudflare: z.infer<typeof CloudflareStackConfig>;
};

const EXAMPLES: Readonly<Record<string, string>> = {
  experiments: `pulumi config set --path 'faasbench:experiments[0]' experiments/aws/cold-baseline.json`,
  aws: 'pulumi config set --path faasbench:aws.region eu-west-1',
  azure: 'pulumi config set --path faasbench:azure.location westeurope',
  gcp: 'pulumi config set --path faasbench:gcp.project my-project && pulumi config set --path faasbench:gcp.region europe-west1',
  cloudflare:
    'pulumi config set --path faasbench:cloudflare.accountId <32 hex> && pulumi config set --path faasbench:cloudflare.workersDevSubdomain <subdomain>',
};

/**
 * Parses the stack's `faasbench:*` keys, given as a map from key (without namespace) to its JSON
 * value as Pulumi stores it. `stackName` only words errors.
 */
export function parseStackConfig(values: Readonly<Record<string, unknown>>, stackName: string): StackConfig {
  const parsed = StackConfig.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  const parts = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const key = `faasbench:${formatPath(parts)}`;
  const top = typeof parts[0] === 'string' ? parts[0] : '';
  const what =
    issue.code === 'unrecognized_keys'
      ? `has unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`
      : issue.code === 'invalid_type' && valueAt(values, parts) === undefined
        ? 'is required'
        : issue.message;
  const fix = EXAMPLES[top] === undefined ? '' : ` Set it with: ${EXAMPLES[top]}`;
  throw new UserError(`Stack config of ${stackName}: ${parts.length === 0 ? 'faasbench' : key} ${what}.${fix}`);
}

/** Returns the vendor's settings, or a UserError saying which experiment needs them. */
export function vendorConfig<V extends CloudVendor>(
  config: StackConfig,
  vendor: V,
  neededBy: string,
  stackName: string,
): VendorStackConfig[V] {
  const value = config[vendor] as VendorStackConfig[V] | undefined;
  if (value !== undefined) return value;
  throw new UserError(
    `Stack config of ${stackName}: faasbench:${vendor} is required because ${neededBy} deploys to ${vendor}. Set it with: ${EXAMPLES[vendor]}`,
  );
}

function valueAt(root: unknown, parts: readonly (string | number)[]): unknown {
  let value = root;
  for (const part of parts) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}
