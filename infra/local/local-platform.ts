import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { LocalInvocation, LocalResult } from '../../measurement-functions/local/handler.js';
import { localCapabilities } from './capabilities.js';
import { FunctionPool, type PoolCounters } from './function-pool.js';
import { type Gateway, startGateway } from './gateway.js';
import { InstanceProcess } from './instance-process.js';
import { InvocationError } from './invocation-error.js';
import { type LocalObjectStore, startLocalObjectStore } from './object-store.js';
import { STORE_ENV } from '../../measurement-functions/storage/store-env.js';
import type { PlatformProcessOptions } from './ipc-messages.js';
import {
  checkFunctionName,
  type LocalFunctionSpec,
  type LocalPlatformApi,
  type LocalPlatformEnd,
  type LocalPlatformStats,
} from './platform-types.js';
import { makePlatformDir } from './work-dir.js';

/** An instance busy spinning ignores SIGTERM until its spin ends; past this it is killed. */
const STOP_GRACE_MS = 1000;

interface DeployedFunction {
  readonly spec: LocalFunctionSpec;
  readonly pool: FunctionPool;
}

/**
 * The embedded FaaS: a gateway plus one pool of instance processes per function. Runs in the
 * process that creates it; the runner uses it through startLocalPlatformProcess, whose child
 * process runs exactly this class.
 */
export class LocalPlatform implements LocalPlatformApi {
  private readonly functions = new Map<string, DeployedFunction>();
  private readonly counters: PoolCounters = { instancesStarted: 0, instancesPrewarmed: 0, instancesEvicted: 0, requestsQueued: 0 };
  private instanceSeq = 0;
  private stopped: Promise<LocalPlatformEnd> | null = null;

  private constructor(
    private readonly options: PlatformProcessOptions,
    private readonly platformDir: string,
    private readonly gateway: Gateway,
    private readonly objectStore: LocalObjectStore,
    /** Known to the platform and to the functions it gives the store to, never to the runner. */
    private readonly objectStoreToken: string,
  ) {}

  /**
   * Starts the gateway and the object store chain functions pass payloads through (what S3, Blob
   * Storage, Cloud Storage and R2 are to the vendors' chains); both stop with the platform.
   */
  static async start(options: PlatformProcessOptions): Promise<LocalPlatform> {
    const platformDir = await makePlatformDir(options.workDir);
    let platform: LocalPlatform | null = null;
    const objectStoreToken = randomBytes(32).toString('base64url');
    const objectStore = await startLocalObjectStore({ token: objectStoreToken }).catch(async (error: unknown) => {
      await rm(platformDir, { recursive: true, force: true });
      throw error;
    });
    const gateway = await startGateway({
      port: options.port ?? 0,
      maxBodyBytes: localCapabilities.maxPayloadBytes,
      route: (name, invocation, signal) => platform?.route(name, invocation, signal) ?? null,
    }).catch(async (error: unknown) => {
      await objectStore.stop();
      await rm(platformDir, { recursive: true, force: true });
      throw error;
    });
    platform = new LocalPlatform(options, platformDir, gateway, objectStore, objectStoreToken);
    return platform;
  }

  get baseUrl(): string {
    return this.gateway.baseUrl;
  }

  async deploy(specs: readonly LocalFunctionSpec[]): Promise<void> {
    if (this.stopped !== null) throw new Error('the local platform is stopped');
    specs.forEach((spec) => checkFunctionName(spec.name));
    const replaced: Promise<void>[] = [];
    for (const spec of specs) {
      const current = this.functions.get(spec.name);
      if (current !== undefined && JSON.stringify(current.spec) === JSON.stringify(spec)) continue;
      if (current !== undefined) {
        replaced.push(current.pool.stop(new InvocationError(503, 'function-removed', `function ${spec.name} was redeployed`)));
      }
      this.functions.set(spec.name, { spec, pool: this.createPool(this.withStore(spec)) });
    }
    await Promise.all(replaced);
  }

  async stats(): Promise<LocalPlatformStats> {
    const pools = [...this.functions.values()].map((deployed) => deployed.pool);
    return {
      ...this.counters,
      instancesRunning: pools.reduce((sum, pool) => sum + pool.running, 0),
      instancesBusy: pools.reduce((sum, pool) => sum + pool.busy, 0),
      instancesAhead: pools.reduce((sum, pool) => sum + pool.readyAhead, 0),
      queueLength: pools.reduce((sum, pool) => sum + pool.queueLength, 0),
      instancePids: pools.flatMap((pool) => pool.pids),
      objectStore: this.objectStore.counts(),
    };
  }

  /** A function that asked for the object store gets its address and token; no other does. */
  private withStore(spec: LocalFunctionSpec): LocalFunctionSpec {
    if (spec.objectStore !== true) return spec;
    return { ...spec, env: { ...spec.env, [STORE_ENV.url]: this.objectStore.baseUrl, [STORE_ENV.token]: this.objectStoreToken } };
  }

  stop(): Promise<LocalPlatformEnd> {
    this.stopped ??= (async () => {
      const reason = new InvocationError(503, 'platform-stopping', 'the local platform is stopping');
      await Promise.all([...this.functions.values()].map((deployed) => deployed.pool.stop(reason)));
      await this.gateway.close();
      // No instance runs now, so nothing writes after this count; what is left, the platform removes.
      const counts = this.objectStore.counts();
      const removed = this.objectStore.sweep();
      await this.objectStore.stop();
      await rm(this.platformDir, { recursive: true, force: true });
      return { objectStore: { ...counts, removed } };
    })();
    return this.stopped;
  }

  private route(name: string, invocation: LocalInvocation, signal: AbortSignal): Promise<LocalResult> | null {
    return this.functions.get(name)?.pool.invoke(invocation, signal) ?? null;
  }

  private createPool(spec: LocalFunctionSpec): FunctionPool {
    return new FunctionPool(
      {
        keepAliveMs: this.options.keepAliveMs,
        maxInstances: this.options.maxInstancesPerFunction,
        stopGraceMs: STOP_GRACE_MS,
        prewarm: spec.prewarm ?? null,
        startInstance: () => {
          const instanceDir = path.join(this.platformDir, `${spec.name}-${++this.instanceSeq}`);
          const instance = new InstanceProcess(spec, this.options.instanceHostPath, instanceDir);
          // The instance removes its folder when it loses the platform; when it is stopped or dies, the platform does.
          void instance.exited.then(() => rm(instanceDir, { recursive: true, force: true }));
          return instance;
        },
      },
      this.counters,
    );
  }
}
