/**
 * Main of the local platform process, started by startLocalPlatformProcess with plain `node`:
 * it runs the gateway and the instances so they never share the runner's event loop. It lives
 * exactly as long as its IPC channel: when the runner goes away, even by SIGKILL, it stops its
 * instances, removes its folders and exits.
 */
import type { PlatformMessage, PlatformRequest } from './ipc-messages.js';
import { LocalPlatform } from './local-platform.js';

function send(message: PlatformMessage, then?: () => void): void {
  process.send?.(message, undefined, undefined, () => then?.());
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let platform: LocalPlatform | null = null;

async function shutDown(code: number): Promise<never> {
  await platform?.stop().catch(() => undefined);
  process.exit(code);
}

async function answer(request: Extract<PlatformRequest, { type: 'call' }>, running: LocalPlatform): Promise<void> {
  try {
    switch (request.method) {
      case 'deploy':
        await running.deploy(request.specs);
        return send({ type: 'reply', id: request.id, ok: true });
      case 'stats':
        return send({ type: 'reply', id: request.id, ok: true, value: await running.stats() });
      case 'stop':
        return send({ type: 'reply', id: request.id, ok: true, value: await running.stop() }, () => process.exit(0));
    }
  } catch (error) {
    send({ type: 'reply', id: request.id, ok: false, message: describe(error) });
  }
}

if (process.send === undefined) {
  process.stderr.write('platform-main runs only as a child of startLocalPlatformProcess\n');
  process.exit(2);
}
process.on('disconnect', () => void shutDown(0));
// SIGTERM from a supervisor: the same orderly stop, so no instance outlives the platform.
process.on('SIGTERM', () => void shutDown(0));

process.on('message', (request: PlatformRequest) => {
  if (request.type === 'start') {
    LocalPlatform.start(request.options).then(
      (started) => {
        platform = started;
        send({ type: 'started', baseUrl: started.baseUrl });
      },
      (error: unknown) => send({ type: 'start-failed', message: describe(error) }, () => process.exit(1)),
    );
  } else if (platform === null) {
    send({ type: 'reply', id: request.id, ok: false, message: 'the local platform has not started' });
  } else {
    void answer(request, platform);
  }
});
