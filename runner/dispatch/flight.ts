import type { ClientRequest, IncomingMessage } from 'node:http';
import type { RequestOptions } from 'node:https';
import type { Socket } from 'node:net';
import type { RunClock } from './clock.js';
import {
  ABORTED,
  BODY_TOO_LARGE,
  MAX_BODY_BYTES,
  type ProbeOutcome,
  redactBody,
  redactText,
  TIMEOUT,
} from './outcome.js';
import type { PreparedTarget } from './prepared-target.js';
import {
  attachFlight,
  detachFlight,
  onConnect,
  onData,
  onEnd,
  onFinish,
  onRequestError,
  onResponse,
  onResponseClose,
  onResponseError,
  onSecureConnect,
  onSocket,
  onTimeout,
} from './flight-events.js';

/**
 * One request, created before its burst is due and started by `start()` in the burst's loop.
 * Built for the hot path: the promise exists before the deadline, and the event handlers are
 * shared module functions (flight-events.ts) that find their flight on the emitter, so starting
 * a request allocates no closures (under tsx each closure also costs a `__name` call; profiled,
 * closures were ~20% of the loop). Settles exactly once, whatever happens first; the work after
 * the last timestamp (joining and redacting the body) lies outside every measured interval.
 * No retries, ever.
 */
export class Flight {
  readonly outcome: Promise<ProbeOutcome>;
  private resolveOutcome: (outcome: ProbeOutcome) => void = () => {};
  private settled = false;
  private request: ClientRequest | null = null;
  private timer: NodeJS.Timeout | undefined = undefined;
  private dispatchedMs = 0;
  private connectedMs: number | null = null;
  private secureConnectedMs: number | null = null;
  private sentMs: number | null = null;
  private firstByteMs: number | null = null;
  private reusedConnection = false;
  private remoteAddress: string | null = null;
  private status: number | null = null;
  private responseBytes = 0;
  private readonly chunks: Buffer[] = [];
  private static readonly EMPTY = Buffer.alloc(0);

  constructor(
    private readonly target: PreparedTarget,
    /** Position among the requests to this target: picks the address (round-robin). */
    private readonly slot: number,
    private readonly clock: RunClock,
  ) {
    this.outcome = new Promise<ProbeOutcome>((resolve) => {
      this.resolveOutcome = resolve;
    });
  }

  /** Sends the request now. Called once, in the burst's loop. */
  start(): void {
    const target = this.target;
    this.dispatchedMs = this.clock.nowMs();
    if (target.failure !== null) {
      this.settle(target.failure.errorCode, target.failure.errorMessage);
      return;
    }
    let request: ClientRequest;
    try {
      request = target.send(target.options[this.slot % target.options.length] as RequestOptions);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      this.settle(code ?? 'ERR_REQUEST', message);
      return;
    }
    attachFlight(request, this);
    this.request = request;
    request.on('socket', onSocket);
    request.on('finish', onFinish);
    request.on('response', onResponse);
    request.on('error', onRequestError);
    this.timer = setTimeout(onTimeout, target.timeoutMs, this);
    if (target.payload === null) request.end();
    else request.end(target.payload);
  }

  /** Ends it as ABORTED (no-op once settled). */
  abort(): void {
    this.fail(ABORTED, 'the run was interrupted while the request was in flight');
  }

  /** Ends it as ABORTED without sending it: the run was interrupted before its burst fired. */
  abortUnsent(): void {
    this.dispatchedMs = this.clock.nowMs();
    this.settle(ABORTED, 'the run was interrupted before the request was sent');
  }

  // The methods below are called by the shared event handlers of flight-events.ts.

  socketAssigned(request: ClientRequest, socket: Socket): void {
    this.reusedConnection = request.reusedSocket;
    if (!socket.connecting) {
      this.remoteAddress = socket.remoteAddress ?? null;
      return;
    }
    attachFlight(socket, this);
    socket.once('connect', onConnect);
    if (this.target.secure) socket.once('secureConnect', onSecureConnect);
  }

  connected(nowMs: number, socket: Socket): void {
    this.connectedMs = nowMs;
    this.remoteAddress = socket.remoteAddress ?? null;
    // A kept-alive socket outlives its first request: it should not keep the flight alive too.
    if (!this.target.secure) detachFlight(socket);
  }

  secureConnected(nowMs: number, socket: Socket): void {
    this.secureConnectedMs = nowMs;
    detachFlight(socket);
  }

  sent(nowMs: number): void {
    this.sentMs = nowMs;
  }

  responded(nowMs: number, response: IncomingMessage): void {
    this.firstByteMs = nowMs;
    this.status = response.statusCode ?? null;
    response.on('data', onData);
    response.on('end', onEnd);
    response.on('error', onResponseError);
    response.on('close', onResponseClose);
  }

  received(chunk: Buffer): void {
    this.responseBytes += chunk.length;
    if (this.responseBytes > MAX_BODY_BYTES) this.fail(BODY_TOO_LARGE, `response body is more than ${MAX_BODY_BYTES} bytes`);
    else this.chunks.push(chunk);
  }

  timedOut(): void {
    this.fail(TIMEOUT, `no complete response within ${this.target.timeoutMs} ms`);
  }

  fail(errorCode: string, errorMessage: string): void {
    // Once settled the socket may be back in a keep-alive pool: leave it alone.
    if (this.settled) return;
    this.settle(errorCode, errorMessage);
    this.request?.destroy();
  }

  settle(errorCode: string | null, errorMessage: string | null): void {
    const endMs = this.clock.nowMs();
    if (this.settled) return;
    this.settled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const { target, chunks, dispatchedMs, connectedMs, secureConnectedMs } = this;
    const body = chunks.length === 0 ? Flight.EMPTY : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    const fresh = !this.reusedConnection && this.request !== null;
    this.resolveOutcome({
      dispatchedMs,
      connectedMs,
      secureConnectedMs,
      sentMs: this.sentMs,
      firstByteMs: this.firstByteMs,
      endMs,
      dnsMs: fresh ? target.dnsMs : null,
      tcpMs: fresh && connectedMs !== null ? connectedMs - dispatchedMs : null,
      tlsMs: fresh && connectedMs !== null && secureConnectedMs !== null ? secureConnectedMs - connectedMs : null,
      reusedConnection: this.reusedConnection,
      remoteAddress: this.remoteAddress,
      status: this.status,
      body: redactBody(body, target.token),
      responseBytes: this.responseBytes,
      errorCode,
      errorMessage: errorMessage === null ? null : redactText(errorMessage, target.token),
    });
  }

  /** The run clock, for the shared handlers. */
  nowMs(): number {
    return this.clock.nowMs();
  }
}
