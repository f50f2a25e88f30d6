import { readFileSync } from 'node:fs';
import { ENV, TOKEN_HEADER } from '../../../measurement-functions/core/index.js';
import { localCapabilities } from '../../../infra/local/index.js';

export const TOKEN = 'local-test-token-0123456789';

/** The environment deployExperimentLocally would give a function. */
export function functionEnv(memoryMb = 256): Record<string, string> {
  return {
    [ENV.token]: TOKEN,
    [ENV.vendor]: 'local',
    [ENV.region]: 'local',
    [ENV.runtime]: 'nodejs',
    [ENV.memoryMb]: String(memoryMb),
    [ENV.maxSpinMs]: String(localCapabilities.maxSpinMs),
    [ENV.maxPayloadBytes]: String(localCapabilities.maxPayloadBytes),
  };
}

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** One request to a function URL, with the token unless `token` is null. */
export async function call(
  url: string,
  options: { token?: string | null; query?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Reply> {
  const query = new URLSearchParams(options.query ?? {}).toString();
  const token = options.token === undefined ? TOKEN : options.token;
  const response = await fetch(query === '' ? url : `${url}?${query}`, {
    headers: token === null ? {} : { [TOKEN_HEADER]: token },
    signal: options.signal ?? AbortSignal.timeout(15_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; fails after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(50);
  }
}

/** True once the process has exited; a zombie (exited, not yet reaped by init) counts as gone. */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
