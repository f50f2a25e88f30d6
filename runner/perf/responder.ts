import { fork } from 'node:child_process';

export interface Responder {
  readonly port: number;
  readonly url: string;
  stop(): void;
}

/** Starts responder-process.ts as a child (same loader flags as this process, so tsx applies). */
export function startResponder(): Promise<Responder> {
  const child = fork(new URL('./responder-process.ts', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the responder exited with ${code} before listening`)));
    child.once('message', (message: { port: number }) => {
      child.removeAllListeners('exit');
      resolve({
        port: message.port,
        url: `http://127.0.0.1:${message.port}/perf`,
        stop: () => child.disconnect(),
      });
    });
  });
}
