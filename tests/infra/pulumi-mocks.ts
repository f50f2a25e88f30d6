import * as pulumi from '@pulumi/pulumi';

/** A resource the program registered, as the mock monitor saw it. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly id: string;
  /** The provider reference the resource was created with, when explicit. */
  readonly provider: string | undefined;
}

export interface MockOptions {
  /** Outputs the real provider would compute (URLs, ARNs, host names), per resource type. */
  readonly computed?: (type: string, name: string, inputs: Record<string, unknown>) => Record<string, unknown>;
  /** Answers to invokes (data sources, list* functions), per token. */
  readonly call?: (token: string, inputs: Record<string, unknown>) => Record<string, unknown>;
  /** `pulumi:<key>` stack config, e.g. { 'faasbench:experiments': '["x.json"]' }. */
  readonly config?: Record<string, string>;
  readonly project?: string;
  readonly stack?: string;
}

/**
 * Installs Pulumi's mocks (before any resource is constructed: import the program afterwards)
 * and records every registered resource. Outputs echo the inputs plus `computed`, so a test can
 * await any property; with preview off, missing properties resolve to undefined instead of
 * hanging.
 */
export async function installMocks(options: MockOptions = {}): Promise<{ resources: RecordedResource[] }> {
  const resources: RecordedResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const id = `${args.name}-id`;
        const inputs = args.inputs as Record<string, unknown>;
        resources.push({ type: args.type, name: args.name, inputs, id, provider: args.provider });
        return { id, state: { ...inputs, ...(options.computed?.(args.type, args.name, inputs) ?? {}) } };
      },
      call(args) {
        return options.call?.(args.token, args.inputs as Record<string, unknown>) ?? (args.inputs as Record<string, unknown>);
      },
    },
    options.project ?? 'faasbench',
    options.stack ?? 'test',
    false,
  );
  if (options.config !== undefined) pulumi.runtime.setAllConfig(options.config);
  return { resources };
}

/** Awaits an Output's value; every assertion on a resource property goes through this. */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** The recorded resources of one type, e.g. 'aws:lambda/function:Function'. */
export function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

/** How a secret input reaches the mocks: `{ [SECRET_SIGNATURE_KEY]: SECRET_SIGNATURE, value }`. */
export const SECRET_SIGNATURE_KEY = '4dabf18193072939515e22adb298388d';
export const SECRET_SIGNATURE = '1b47061264138c4ac30d75fd1eb44270';

/** Whether a recorded input was a secret, and its value either way. */
export function asSecret(value: unknown): { secret: boolean; value: unknown } {
  if (value !== null && typeof value === 'object' && (value as Record<string, unknown>)[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE) {
    return { secret: true, value: (value as { value: unknown }).value };
  }
  return { secret: false, value };
}

/** A recorded input or serialized output with every secret envelope replaced by its value. */
export function unwrapSecrets(value: unknown): unknown {
  const { value: inner } = asSecret(value);
  if (Array.isArray(inner)) return inner.map(unwrapSecrets);
  if (inner !== null && typeof inner === 'object') {
    return Object.fromEntries(Object.entries(inner as Record<string, unknown>).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return inner;
}
