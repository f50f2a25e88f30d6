import type { ObjectStoreCounts, ObjectStoreSweep } from './object-store-memory.js';

/** The local platform's public shapes, shared by the in-process class and the process handle. */

export interface LocalPlatformOptions {
  /** An idle instance is stopped after this long without a request. */
  readonly keepAliveMs: number;
  /** Above this many instances of one function, requests queue. */
  readonly maxInstancesPerFunction: number;
  /** Holds the bundled child entry points and, per running platform, the instances' folders. */
  readonly workDir: string;
  /** Gateway port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
}

export interface LocalFunctionSpec {
  /** Letters, digits and dashes: the function is served at /fn/<name>. */
  readonly name: string;
  /** The function's zip; its `index.mjs` exports `handle`. */
  readonly packagePath: string;
  /** The whole environment of each instance. */
  readonly env: Readonly<Record<string, string>>;
  /** The instance's V8 heap limit (--max-old-space-size). */
  readonly memoryMb: number;
  /** Instances started ahead of requests; absent or null for none. */
  readonly prewarm?: LocalPrewarm | null;
  /** Give the function the platform's object store (a storage chain's hops); its address and token are added to env. */
  readonly objectStore?: boolean;
}

/** Instances a function gets ahead of its requests (the experiment's `local.prewarm`). */
export interface LocalPrewarm {
  /** Started at deploy, before any request; they wait for their first request without a keep-alive limit. */
  readonly instances: number;
  /** Start a replacement whenever one of them takes its first request, or a served instance goes away. */
  readonly replenish: boolean;
}

export interface LocalPlatformStats {
  /** Instances started since the platform started, on demand or ahead. */
  readonly instancesStarted: number;
  /** Of those, the ones started ahead of any request (prewarm). */
  readonly instancesPrewarmed: number;
  /** Instances alive now, starting, busy or idle. */
  readonly instancesRunning: number;
  /** Instances serving a request now. */
  readonly instancesBusy: number;
  /** Instances started ahead (prewarm) that have loaded and wait for their first request now. */
  readonly instancesAhead: number;
  /** Instances stopped for being idle longer than keepAliveMs. */
  readonly instancesEvicted: number;
  /** Requests that had to wait for a free instance, since the platform started. */
  readonly requestsQueued: number;
  /** Requests waiting now. */
  readonly queueLength: number;
  /** Process ids of the instances alive now. */
  readonly instancePids: readonly number[];
  /** The object store chain functions pass payloads through: objects held now, and calls since the start. */
  readonly objectStore: ObjectStoreCounts;
}

/**
 * What the platform says as it stops, once no instance runs any more (nothing can write after it):
 * the object store's counts at that moment, and what the platform removed itself, the objects no
 * consumer deleted. A leftover is a delete that failed or a hop that never ran; it is counted here
 * so the run log can say so, never dropped unseen.
 */
export interface LocalPlatformEnd {
  readonly objectStore: ObjectStoreCounts & { readonly removed: ObjectStoreSweep };
}

/** What the runner and deployExperimentLocally use, in process or across a process boundary. */
export interface LocalPlatformApi {
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** Adds functions; one of the same name is replaced (its instances stop) unless its spec is unchanged. */
  deploy(specs: readonly LocalFunctionSpec[]): Promise<void>;
  stats(): Promise<LocalPlatformStats>;
  /**
   * Stops every instance and the gateway, empties the object store and removes the platform's
   * folders. Every call gets the same end; null from a platform process that had already ended.
   */
  stop(): Promise<LocalPlatformEnd | null>;
}

const FUNCTION_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/;

export function checkFunctionName(name: string): void {
  if (!FUNCTION_NAME.test(name)) throw new Error(`local function name ${JSON.stringify(name)} must be letters, digits and dashes`);
}

export function functionUrl(baseUrl: string, name: string): string {
  return `${baseUrl}/fn/${name}`;
}
