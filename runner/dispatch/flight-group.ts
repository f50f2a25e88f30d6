import { type Abortable, unwatchAbort, watchAbort } from './abort-hub.js';
import type { RunClock } from './clock.js';
import { Flight, type FlightObserver } from './flight.js';
import type { PreparedTarget } from './prepared-target.js';

/**
 * A burst's flights, fired together and watched together: one timeout timer and one abort watch
 * for the whole burst instead of one each per request, so the fire loop does nothing but start
 * requests, and a thousand requests cost one timer. Both are dropped when the last flight settles.
 *
 * Timeouts are judged on the run clock, the clock of the rows: a timer that fires early (Node's
 * timers count whole milliseconds from a start truncated to the millisecond, so one fires up to
 * ~1 ms early; measured 0.7 ms) is re-armed for what is left, so no TIMEOUT row ends before
 * dispatched + timeout.
 */
export class FlightGroup implements FlightObserver, Abortable {
  private readonly flights: Flight[];
  private open = 0;
  private timer: NodeJS.Timeout | undefined = undefined;
  private signal: AbortSignal | undefined = undefined;
  private fired = false;

  constructor(
    targets: readonly PreparedTarget[],
    private readonly clock: RunClock,
  ) {
    // Requests to the same target rotate over its addresses in their order within the burst.
    const slots = new Map<PreparedTarget, number>();
    this.flights = targets.map((target) => {
      const slot = slots.get(target) ?? 0;
      slots.set(target, slot + 1);
      return new Flight(target, slot, clock, this);
    });
  }

  get size(): number {
    return this.flights.length;
  }

  outcomes() {
    return this.flights.map((flight) => flight.outcome);
  }

  /** Starts every request in one loop (or ends them all as ABORTED if `signal` already has). Once. */
  fire(signal: AbortSignal | undefined): void {
    if (this.fired) throw new Error('a prepared burst fires once');
    this.fired = true;
    const flights = this.flights;
    this.open = flights.length;
    if (signal?.aborted === true) {
      for (const flight of flights) flight.abortUnsent();
      return;
    }
    // The loop that sets the dispatch spread: nothing in it but starting requests.
    for (let i = 0; i < flights.length; i++) (flights[i] as Flight).start();
    if (this.open === 0) return;
    this.armTimeout(this.clock.nowMs());
    if (signal !== undefined) {
      this.signal = signal;
      watchAbort(signal, this);
    }
  }

  flightSettled(): void {
    this.open -= 1;
    if (this.open > 0) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.signal !== undefined) unwatchAbort(this.signal, this);
  }

  onAbort(): void {
    for (const flight of this.flights) flight.abort();
  }

  /** Times out every flight whose deadline has passed on the run clock; re-arms for the earliest left. */
  expire(): void {
    this.timer = undefined;
    const nowMs = this.clock.nowMs();
    for (const flight of this.flights) {
      if (!flight.isSettled && flight.deadlineMs <= nowMs) flight.timedOut();
    }
    if (this.open > 0) this.armTimeout(nowMs);
  }

  private armTimeout(nowMs: number): void {
    let earliestMs = Infinity;
    for (const flight of this.flights) if (!flight.isSettled) earliestMs = Math.min(earliestMs, flight.deadlineMs);
    if (earliestMs === Infinity) return;
    // Whole milliseconds, rounded up: the timer may still fire early, and expire() re-arms then.
    this.timer = setTimeout(expireGroup, Math.max(1, Math.ceil(earliestMs - nowMs)), this);
  }
}

function expireGroup(group: FlightGroup): void {
  group.expire();
}
