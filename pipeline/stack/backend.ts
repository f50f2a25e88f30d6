/**
 * What the pipeline needs from Pulumi, as an interface: the Automation API implements it
 * (automation-backend.ts); the orchestration only sees these calls.
 */

export interface StackListing {
  readonly name: string;
  /** When the stack last changed; null when the backend does not say. */
  readonly lastUpdate: Date | null;
  readonly updateInProgress: boolean;
  readonly resourceCount: number | null;
}

export interface PipelineStack {
  readonly name: string;
  /** `pulumi config set-all --path --plaintext`. */
  setConfig(values: Readonly<Record<string, string>>): Promise<void>;
  /** `pulumi up`; aborting `signal` asks the CLI to stop (SIGINT: it finishes what is in flight). */
  up(options: { signal: AbortSignal; onOutput: (text: string) => void }): Promise<void>;
  /** The stack outputs as plain values (secrets shown). */
  outputs(): Promise<Record<string, unknown>>;
  /** `pulumi destroy`; never interrupted. */
  destroy(options: { onOutput: (text: string) => void }): Promise<void>;
  /** `pulumi stack rm` (after destroy). */
  remove(): Promise<void>;
  /** `pulumi cancel`: clears the lock a killed update left on a self-managed backend. */
  cancel(): Promise<void>;
}

export interface StackBackend {
  /** A new stack; fails with StackExistsError when the name is taken. */
  create(name: string): Promise<PipelineStack>;
  /** The stack, created when missing (preview stacks are updated in place on every push). */
  createOrSelect(name: string): Promise<PipelineStack>;
  /** An existing stack; fails with StackMissingError. */
  select(name: string): Promise<PipelineStack>;
  list(): Promise<StackListing[]>;
  /** The shell commands that finish destroying `name` by hand, exactly as the user would type them. */
  finishCommands(name: string, options: { locked: boolean }): string;
}

export class StackExistsError extends Error {
  override readonly name = 'StackExistsError';
}

export class StackMissingError extends Error {
  override readonly name = 'StackMissingError';
}

/** A self-managed backend's lock from an update that did not end (ConcurrentUpdateError). */
export class StackLockedError extends Error {
  override readonly name = 'StackLockedError';
}
