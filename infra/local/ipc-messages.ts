import type { LocalInvocation, LocalResult } from '../../measurement-functions/local/handler.js';
import type { LocalFunctionSpec, LocalPlatformEnd, LocalPlatformOptions, LocalPlatformStats } from './platform-types.js';

/** Platform → instance host. */
export interface HostInvoke {
  readonly type: 'invoke';
  readonly id: number;
  readonly invocation: LocalInvocation;
}

/** Instance host → platform. */
export type HostMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'load-failed'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: LocalResult };

/** Everything the platform process needs that the in-process platform finds by itself. */
export interface PlatformProcessOptions extends LocalPlatformOptions {
  /** The bundled instance host; the platform process cannot bundle (no esbuild inside it). */
  readonly instanceHostPath: string;
}

/** Runner → platform process. */
export type PlatformRequest =
  | { readonly type: 'start'; readonly options: PlatformProcessOptions }
  | { readonly type: 'call'; readonly id: number; readonly method: 'deploy'; readonly specs: readonly LocalFunctionSpec[] }
  | { readonly type: 'call'; readonly id: number; readonly method: 'stats' | 'stop' };

/** Platform process → runner. */
export type PlatformMessage =
  | { readonly type: 'started'; readonly baseUrl: string }
  | { readonly type: 'start-failed'; readonly message: string }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value?: LocalPlatformStats | LocalPlatformEnd }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly message: string };
