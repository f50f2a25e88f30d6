import type { ChildProcess } from 'node:child_process';

/**
 * The first line a function's child process writes to stdout (its port, say), or a rejection with
 * its stderr if it exits first or says nothing within `timeoutMs`. `what` names it in the error.
 */
export function firstLine(proc: ChildProcess, timeoutMs: number, what = 'the function'): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no line from ${what} within ${timeoutMs} ms: ${err}`)), timeoutMs);
    proc.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, end));
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before serving: ${err}`));
    });
  });
}
