/**
 * Main of one function instance, a process of its own started by the local platform with plain
 * `node`. Like a Lambda sandbox it first unpacks the function's package into its own folder (so
 * a bigger package really costs start-up time), then loads the handler, says it is ready, and
 * serves one request at a time over IPC.
 *
 * argv: <package zip> <instance folder>. Its environment is the function's.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LocalInvocation, LocalResult } from '../../measurement-functions/local/handler.js';
// The zip reader itself, not the packaging index: the index would pull esbuild into this bundle.
import { extractZip } from '../packaging/zip-reader.js';
import type { HostInvoke, HostMessage } from './ipc-messages.js';

type Handle = (invocation: LocalInvocation) => LocalResult | Promise<LocalResult>;

const [packagePath, instanceDir] = process.argv.slice(2);

function send(message: HostMessage): void {
  process.send?.(message);
}

/** Without its platform an instance has no purpose: leave nothing behind. */
function quit(code: number): never {
  if (instanceDir !== undefined) rmSync(instanceDir, { recursive: true, force: true });
  process.exit(code);
}

async function load(): Promise<Handle> {
  if (packagePath === undefined || instanceDir === undefined) throw new Error('usage: instance-host <package zip> <instance folder>');
  await extractZip(packagePath, instanceDir);
  const loaded = (await import(pathToFileURL(path.join(instanceDir, 'index.mjs')).href)) as { handle?: unknown };
  if (typeof loaded.handle !== 'function') throw new Error('the package index.mjs does not export a handle function');
  return loaded.handle as Handle;
}

async function serve(handle: Handle, request: HostInvoke): Promise<LocalResult> {
  try {
    return await handle(request.invocation);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'handler-failed', message }) };
  }
}

if (process.send === undefined) {
  process.stderr.write('instance-host runs only as a child of the local platform\n');
  process.exit(2);
}
process.on('disconnect', () => quit(0));

load().then(
  (handle) => {
    process.on('message', (request: HostInvoke) => {
      // One request at a time (the pool sends the next only after this answer), so awaiting here reorders nothing.
      if (request.type === 'invoke') void serve(handle, request).then((result) => send({ type: 'result', id: request.id, result }));
    });
    send({ type: 'ready' });
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.send?.({ type: 'load-failed', message } satisfies HostMessage, () => quit(1));
  },
);
