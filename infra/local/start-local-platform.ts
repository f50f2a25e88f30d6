import { LocalPlatform } from './local-platform.js';
import type { LocalPlatformOptions } from './platform-types.js';
import { prepareRuntimeEntries } from './runtime-entries.js';

/**
 * The local platform inside the calling process (tests, tools). The runner uses
 * startLocalPlatformProcess instead, so the gateway does not share its event loop.
 */
export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const runtime = await prepareRuntimeEntries(options.workDir);
  return LocalPlatform.start({ ...options, instanceHostPath: runtime.instanceHost });
}
