import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Flight } from './flight.js';

/**
 * The event handlers of every Flight: plain module functions, so that starting a request
 * registers existing functions instead of allocating closures. Each finds its flight on the
 * emitter (`this`): the request carries it, its socket carries it until the response's first
 * data, and a response reaches it through the request it answers. The clock is read first thing.
 */

const FLIGHT = Symbol('faasbench.flight');
type Carrier = { [FLIGHT]?: Flight | undefined };

/** Marks `emitter` (a request, or a socket until its first data) as belonging to `flight`. */
export function attachFlight(emitter: ClientRequest | Socket, flight: Flight): void {
  (emitter as Carrier)[FLIGHT] = flight;
}

export function detachFlight(emitter: Socket): void {
  (emitter as Carrier)[FLIGHT] = undefined;
}

const flightOf = (emitter: unknown): Flight => (emitter as Carrier)[FLIGHT] as Flight;
/** A response's flight: the request it answers carries it. */
const flightOfResponse = (response: IncomingMessage): Flight => flightOf((response as IncomingMessage & { req: ClientRequest }).req);

export function onSocket(this: ClientRequest, socket: Socket): void {
  flightOf(this).socketAssigned(this, socket);
}
export function onConnect(this: Socket): void {
  const flight = flightOf(this);
  flight.connected(flight.nowMs(), this);
}
export function onSecureConnect(this: Socket): void {
  const flight = flightOf(this);
  flight.secureConnected(flight.nowMs(), this);
}
export function onSocketData(this: Socket): void {
  const flight = flightOf(this);
  flight.firstData(flight.nowMs());
}
export function onFinish(this: ClientRequest): void {
  const flight = flightOf(this);
  flight.sent(flight.nowMs());
}
export function onResponse(this: ClientRequest, response: IncomingMessage): void {
  flightOf(this).responded(response);
}
export function onRequestError(this: ClientRequest, error: NodeJS.ErrnoException): void {
  flightOf(this).settle(error.code ?? 'ERR_REQUEST', error.message);
}
export function onData(this: IncomingMessage, chunk: Buffer): void {
  flightOfResponse(this).received(chunk);
}
export function onEnd(this: IncomingMessage): void {
  flightOfResponse(this).settle(null, null);
}
export function onResponseError(this: IncomingMessage, error: NodeJS.ErrnoException): void {
  flightOfResponse(this).settle(error.code ?? 'ECONNRESET', error.message);
}
export function onResponseClose(this: IncomingMessage): void {
  if (!this.complete) flightOfResponse(this).settle('ECONNRESET', 'the connection closed before the response was complete');
}
