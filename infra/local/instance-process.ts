import { type ChildProcess, fork } from 'node:child_process';
import type { LocalInvocation, LocalResult } from '../../measurement-functions/local/handler.js';
import type { HostInvoke, HostMessage } from './ipc-messages.js';
import { InvocationError } from './invocation-error.js';
import type { LocalFunctionSpec } from './platform-types.js';

/** Enough of an instance's stderr to say why it died. */
const STDERR_TAIL_BYTES = 4096;

/**
 * The platform's side of one instance process: start it, send it one request at a time, learn
 * when it dies. `ready` settles once the instance has unpacked and loaded its function.
 */
export class InstanceProcess {
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, (outcome: LocalResult | InvocationError) => void>();
  private nextId = 1;
  private stderrTail = '';
  private alive = true;
  private loaded = false;
  private exitReason = '';

  constructor(spec: LocalFunctionSpec, hostPath: string, instanceDir: string) {
    this.child = fork(hostPath, [spec.packagePath, instanceDir], {
      execPath: process.execPath,
      // Never the parent's flags: a loader such as tsx would slow every cold start.
      execArgv: [`--max-old-space-size=${spec.memoryMb}`],
      env: { ...spec.env },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => {
      const onGone = (why: string): void => {
        if (!this.alive) return;
        this.alive = false;
        this.exitReason = why;
        this.failPending(why);
        resolve();
      };
      // 'close', not 'exit': by then stderr is read to the end, so the tail says why it died.
      this.child.once('close', (code, signal) => onGone(signal === null ? `exited with code ${code}` : `was killed by ${signal}`));
      this.child.on('error', (error) => {
        onGone(`could not run: ${error.message}`);
        this.child.kill('SIGKILL');
      });
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (message: HostMessage) => {
        if (message.type === 'ready') {
          this.loaded = true;
          resolve();
        }
        else if (message.type === 'load-failed') reject(this.failure(`could not load its function: ${message.message}`));
        else this.pending.get(message.id)?.(message.result);
      });
      void this.exited.then(() => reject(this.failure(`${this.exitReason} before it was ready`)));
    });
    // Callers that never await `ready` (an instance stopped while starting) must not crash the platform.
    this.ready.catch(() => undefined);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Loaded its function and said so. */
  get isReady(): boolean {
    return this.loaded && this.alive;
  }

  invoke(invocation: LocalInvocation): Promise<LocalResult> {
    if (!this.alive) return Promise.reject(this.failure('is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (outcome) => {
        this.pending.delete(id);
        if (outcome instanceof InvocationError) reject(outcome);
        else resolve(outcome);
      });
      this.child.send({ type: 'invoke', id, invocation } satisfies HostInvoke, (error) => {
        if (error !== null) this.pending.get(id)?.(this.failure(`could not be sent the request: ${error.message}`));
      });
    });
  }

  /** SIGTERM, then SIGKILL if the instance is still there after `graceMs` (it may be mid-spin). */
  async stop(graceMs: number): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private failPending(why: string): void {
    const error = this.failure(why);
    for (const settle of [...this.pending.values()]) settle(error);
  }

  private failure(why: string): InvocationError {
    const stderr = this.stderrTail.trim();
    return new InvocationError(502, 'instance-failed', `instance ${this.pid} ${why}${stderr === '' ? '' : `; stderr: ${stderr}`}`);
  }
}
