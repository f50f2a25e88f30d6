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
  onSocketData,
} from './flight-events.js';

/** Told when a flight settles: the burst counts them down to drop its timer and abort watch. */
export interface FlightObserver {
  flightSettled(): void;
}

/**
 * One request, created before its burst is due and started by `start()` in the burst's loop.
 * Built for the hot path: the promise exists before the deadline, and the event handlers are
 * shared module functions (flight-events.ts) that find their flight on the emitter, so starting
 * a request allocates no closures (under tsx each closure also costs a `__name` call; profiled,
 * closures were ~20% of the loop). Its timeout is watched by its burst (flight-group.ts), one timer
 * for all. Settles exactly once, whatever happens first; the work after the last timestamp
 * (joining and redacting the body) lies outside every measured interval. No retries, ever.
 */
export class Flight {
  readonly outcome: Promise<ProbeOutcome>;
  private resolveOutcome: (outcome: ProbeOutcome) => void = () => {};
  private settled = false;
  private request: ClientRequest | null = null;
  /** The socket while its first data is awaited (it carries this flight until then). */
  private socket: Socket | null = null;
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
    private readonly observer: FlightObserver,
  ) {
    this.outcome = new Promise<ProbeOutcome>((resolve) => {
      this.resolveOutcome = resolve;
    });
  }

  get isSettled(): boolean {
    return this.settled;
  }

  /** When the request times out on the run clock: dispatch + its timeout. */
  get deadlineMs(): number {
    return this.dispatchedMs + this.target.timeoutMs;
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

  /** Ends it as TIMEOUT; the burst calls this once the run clock has passed deadlineMs. */
  timedOut(): void {
    this.fail(TIMEOUT, `no complete response within ${this.target.timeoutMs} ms`);
  }

  // The methods below are called by the shared event handlers of flight-events.ts.

  socketAssigned(request: ClientRequest, socket: Socket): void {
    this.reusedConnection = request.reusedSocket;
    // First in line, ahead of the HTTP parser: the first byte is timed before anything parses it.
    // Added now, once the socket is this request's, so a reused socket's earlier answers never count.
    attachFlight(socket, this);
    this.socket = socket;
    socket.prependListener('data', onSocketData);
    if (!socket.connecting) {
      this.remoteAddress = socket.remoteAddress ?? null;
      return;
    }
    socket.on('connect', onConnect);
    if (this.target.secure) socket.on('secureConnect', onSecureConnect);
  }

  connected(nowMs: number, socket: Socket): void {
    this.connectedMs = nowMs;
    // The address this request dialed (asking the socket is a getpeername system call).
    const { addresses } = this.target;
    this.remoteAddress = addresses[this.slot % addresses.length] ?? null;
    socket.removeListener('connect', onConnect);
  }

  secureConnected(nowMs: number, socket: Socket): void {
    this.secureConnectedMs = nowMs;
    socket.removeListener('secureConnect', onSecureConnect);
  }

  firstData(nowMs: number): void {
    this.firstByteMs = nowMs;
    this.releaseSocket();
  }

  sent(nowMs: number): void {
    this.sentMs = nowMs;
  }

  responded(response: IncomingMessage): void {
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
    this.releaseSocket();
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
      addressFamily: target.addressFamily,
      status: this.status,
      body: redactBody(body, target.token),
      responseBytes: this.responseBytes,
      errorCode,
      errorMessage: errorMessage === null ? null : redactText(errorMessage, target.token),
    });
    this.observer.flightSettled();
  }

  /** The run clock, for the shared handlers. */
  nowMs(): number {
    return this.clock.nowMs();
  }

  /** A kept-alive socket outlives its request: it must neither hold this flight nor call it again. */
  private releaseSocket(): void {
    const socket = this.socket;
    if (socket === null) return;
    this.socket = null;
    socket.removeListener('data', onSocketData);
    socket.removeListener('connect', onConnect);
    socket.removeListener('secureConnect', onSecureConnect);
    detachFlight(socket);
  }
}
