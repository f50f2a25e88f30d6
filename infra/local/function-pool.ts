import type { LocalInvocation, LocalResult } from '../../measurement-functions/local/handler.js';
import type { InstanceProcess } from './instance-process.js';
import { InvocationError } from './invocation-error.js';
import type { LocalPrewarm } from './platform-types.js';

export interface PoolSettings {
  readonly keepAliveMs: number;
  readonly maxInstances: number;
  /** Time an instance gets to exit after SIGTERM before SIGKILL. */
  readonly stopGraceMs: number;
  /** Instances to start ahead of requests; null or absent for none. */
  readonly prewarm?: LocalPrewarm | null;
  startInstance(): InstanceProcess;
}

/** Counters shared by every function of one platform. */
export interface PoolCounters {
  instancesStarted: number;
  /** Of instancesStarted, those started ahead of any request (prewarm). */
  instancesPrewarmed: number;
  instancesEvicted: number;
  requestsQueued: number;
}

interface Waiter {
  readonly invocation: LocalInvocation;
  readonly signal: AbortSignal | undefined;
  resolve(result: LocalResult): void;
  reject(error: Error): void;
}

/**
 * The instances of one function and the requests waiting for them, scheduled as FaaS platforms
 * do: reuse the most recently used idle instance; else take one started ahead (prewarm); else
 * start a new one for this request while under the cap; else wait in FIFO order for the next free
 * instance. Idle instances are stopped after keepAliveMs.
 *
 * With prewarm, `instances` of them are started when the pool is made (at deploy), before any
 * request, and wait for their first request without a keep-alive limit, as provisioned or
 * proactively initialised instances do; with `replenish`, each one taken is replaced at once, and
 * so is an instance that served and went away, so the next new instance a request needs has
 * already been started ahead of it.
 */
export class FunctionPool {
  private readonly instances = new Set<InstanceProcess>();
  /** Idle instances, most recently used last. */
  private readonly idle: InstanceProcess[] = [];
  /** Started ahead and not yet given a request (some may still be loading), oldest first. */
  private readonly standby: InstanceProcess[] = [];
  private readonly evictionTimers = new Map<InstanceProcess, NodeJS.Timeout>();
  private readonly queue: Waiter[] = [];
  private readonly serving = new Set<InstanceProcess>();
  private stopping = false;

  constructor(
    private readonly settings: PoolSettings,
    private readonly counters: PoolCounters,
  ) {
    this.topUpStandby();
  }

  get running(): number {
    return this.instances.size;
  }

  /** Instances serving a request now. */
  get busy(): number {
    return this.serving.size;
  }

  get queueLength(): number {
    return this.queue.length;
  }

  /** Instances started ahead that have loaded and wait for their first request. */
  get readyAhead(): number {
    return this.standby.filter((instance) => instance.isReady).length;
  }

  get pids(): number[] {
    return [...this.instances].map((instance) => instance.pid);
  }

  /** Resolves with the function's answer; rejects with InvocationError, or silently drops a request whose signal aborted while it waited. */
  invoke(invocation: LocalInvocation, signal?: AbortSignal): Promise<LocalResult> {
    if (this.stopping) return Promise.reject(new InvocationError(503, 'platform-stopping', 'the function is being stopped'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { invocation, signal, resolve, reject };
      this.queue.push(waiter);
      const waits = this.idle.length === 0 && this.instances.size >= this.settings.maxInstances;
      if (waits) this.counters.requestsQueued += 1;
      signal?.addEventListener('abort', () => this.dropWaiting(waiter), { once: true });
      this.dispatch();
    });
  }

  /** Rejects waiting requests and stops every instance. */
  async stop(reason: InvocationError): Promise<void> {
    this.stopping = true;
    for (const waiter of this.queue.splice(0)) waiter.reject(reason);
    for (const timer of this.evictionTimers.values()) clearTimeout(timer);
    this.evictionTimers.clear();
    await Promise.all([...this.instances].map((instance) => instance.stop(this.settings.stopGraceMs)));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.stopping) {
      const reused = this.idle.pop();
      const ahead = reused === undefined ? this.standby.shift() : undefined;
      if (reused !== undefined) {
        this.cancelEviction(reused);
        this.run(reused, this.queue.shift()!);
      } else if (ahead !== undefined) {
        this.serveWhenReady(ahead, this.queue.shift()!);
        if (this.settings.prewarm?.replenish === true) this.topUpStandby();
      } else if (this.instances.size < this.settings.maxInstances) {
        this.serveWhenReady(this.start(), this.queue.shift()!);
      } else {
        return;
      }
    }
  }

  private start(): InstanceProcess {
    const instance = this.settings.startInstance();
    this.counters.instancesStarted += 1;
    this.instances.add(instance);
    void instance.exited.then(() => this.forget(instance));
    return instance;
  }

  /** Starts instances ahead of requests until `prewarm.instances` wait, within the cap. */
  private topUpStandby(): void {
    const wanted = this.settings.prewarm?.instances ?? 0;
    while (!this.stopping && this.standby.length < wanted && this.instances.size < this.settings.maxInstances) {
      this.standby.push(this.start());
      this.counters.instancesPrewarmed += 1;
    }
  }

  private serveWhenReady(instance: InstanceProcess, waiter: Waiter): void {
    instance.ready.then(
      () => (waiter.signal?.aborted === true ? this.release(instance) : this.run(instance, waiter)),
      (error: InvocationError) => waiter.reject(error),
    );
  }

  private run(instance: InstanceProcess, waiter: Waiter): void {
    this.serving.add(instance);
    instance.invoke(waiter.invocation).then(
      (result) => {
        this.serving.delete(instance);
        waiter.resolve(result);
        this.release(instance);
      },
      (error: InvocationError) => {
        this.serving.delete(instance);
        waiter.reject(error);
      },
    );
  }

  /** Hands a free instance the oldest waiting request, or parks it idle until keepAliveMs passes. */
  private release(instance: InstanceProcess): void {
    if (!instance.isAlive || this.stopping) return;
    const waiter = this.queue.shift();
    if (waiter !== undefined) return this.run(instance, waiter);
    this.idle.push(instance);
    const timer = setTimeout(() => {
      this.evictionTimers.delete(instance);
      this.idle.splice(this.idle.indexOf(instance), 1);
      this.counters.instancesEvicted += 1;
      void instance.stop(this.settings.stopGraceMs);
    }, this.settings.keepAliveMs);
    this.evictionTimers.set(instance, timer);
  }

  private cancelEviction(instance: InstanceProcess): void {
    clearTimeout(this.evictionTimers.get(instance));
    this.evictionTimers.delete(instance);
  }

  /**
   * An instance is gone (evicted, stopped or crashed): its slot may serve the queue, then, with
   * replenish, hold a new standby. A standby that died before serving is not replaced, so a
   * function that cannot load does not restart forever.
   */
  private forget(instance: InstanceProcess): void {
    this.instances.delete(instance);
    this.cancelEviction(instance);
    const idleAt = this.idle.indexOf(instance);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const standbyAt = this.standby.indexOf(instance);
    if (standbyAt >= 0) this.standby.splice(standbyAt, 1);
    this.dispatch();
    if (standbyAt < 0 && this.settings.prewarm?.replenish === true) this.topUpStandby();
  }

  private dropWaiting(waiter: Waiter): void {
    const at = this.queue.indexOf(waiter);
    if (at >= 0) this.queue.splice(at, 1);
  }
}
