import { fork } from 'node:child_process';
import { ARRIVALS_PREFIX, type ResponderReply, type ResponderRequest } from './responder-protocol.js';

export interface Responder {
  readonly port: number;
  /** A path whose arrivals are not recorded. */
  readonly url: string;
  /** A URL whose requests' arrival times the responder records under `name`. */
  arrivalsUrl(name: string): string;
  /** The recorded arrival times under `name` (CLOCK_MONOTONIC ms, arrival order), and forgets them. */
  takeArrivals(name: string): Promise<readonly number[]>;
  stop(): void;
}

/** Starts responder-process.ts as a child (same loader flags as this process, so tsx applies). */
export function startResponder(): Promise<Responder> {
  const child = fork(new URL('./responder-process.ts', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pathOf = (name: string) => `${ARRIVALS_PREFIX}${name}`;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the responder exited with ${code} before listening`)));
    child.once('message', (message: ResponderReply) => {
      if (message.type !== 'listening') return;
      child.removeAllListeners('exit');
      const base = `http://127.0.0.1:${message.port}`;
      resolve({
        port: message.port,
        url: `${base}/perf`,
        arrivalsUrl: (name) => `${base}${pathOf(name)}`,
        takeArrivals: (name) =>
          new Promise((done) => {
            const onMessage = (reply: ResponderReply) => {
              if (reply.type !== 'arrivals' || reply.path !== pathOf(name)) return;
              child.off('message', onMessage);
              done(reply.monotonicMs);
            };
            child.on('message', onMessage);
            child.send({ type: 'take-arrivals', path: pathOf(name) } satisfies ResponderRequest);
          }),
        stop: () => child.disconnect(),
      });
    });
  });
}
