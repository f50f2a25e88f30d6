import type { LocalInvocation, LocalResult } from '../../measurement-functions/local/handler.js';
import type { InstanceProcess } from './instance-process.js';
import { InvocationError } from './invocation-error.js';

export interface PoolSettings {
  readonly keepAliveMs: number;
  readonly maxInstances: number;
  /** Time an instance gets to exit after SIGTERM before SIGKILL. */
  readonly stopGraceMs: number;
  startInstance(): InstanceProcess;
}

/** Counters shared by every function of one platform. */
export interface PoolCounters {
  instancesStarted: number;
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
 * do: reuse the most recently used idle instance; else start a new one for this request while
 * under the cap; else wait in FIFO order for the next free instance. Idle instances are stopped
 * after keepAliveMs.
 */
export class FunctionPool {
  private readonly instances = new Set<InstanceProcess>();
  /** Idle instances, most recently used last. */
  private readonly idle: InstanceProcess[] = [];
  private readonly evictionTimers = new Map<InstanceProcess, NodeJS.Timeout>();
  private readonly queue: Waiter[] = [];
  private readonly serving = new Set<InstanceProcess>();
  private stopping = false;

  constructor(
    private readonly settings: PoolSettings,
    private readonly counters: PoolCounters,
  ) {}

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
      if (reused !== undefined) {
        this.cancelEviction(reused);
        this.run(reused, this.queue.shift()!);
      } else if (this.instances.size < this.settings.maxInstances) {
        this.coldStart(this.queue.shift()!);
      } else {
        return;
      }
    }
  }

  private coldStart(waiter: Waiter): void {
    const instance = this.settings.startInstance();
    this.counters.instancesStarted += 1;
    this.instances.add(instance);
    void instance.exited.then(() => this.forget(instance));
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

  /** An instance is gone (evicted, stopped or crashed): its slot may serve the queue. */
  private forget(instance: InstanceProcess): void {
    this.instances.delete(instance);
    this.cancelEviction(instance);
    const idleAt = this.idle.indexOf(instance);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    this.dispatch();
  }

  private dropWaiting(waiter: Waiter): void {
    const at = this.queue.indexOf(waiter);
    if (at >= 0) this.queue.splice(at, 1);
  }
}
