/**
 * Trigger synchronisation of one Function App through Azure Resource Manager:
 * `POST {arm}{app resource id}/syncfunctiontriggers`, the "Web Apps - Sync Function Triggers"
 * operation (WebApps_SyncFunctionTriggers). Microsoft documents that an app run from an external
 * package URL (WEBSITE_RUN_FROM_PACKAGE = a blob SAS URL, which is how faasbench deploys to Linux
 * Consumption) must have its triggers synced after a deploy, and names this request as one way
 * ("Trigger syncing", https://learn.microsoft.com/azure/azure-functions/functions-deployment-technologies#trigger-syncing).
 * Until then the platform may not know the app's HTTP function and routes or scales nothing.
 *
 * azure-native 3.28 has no resource or function for this action: its
 * `web.listWebAppSyncFunctionTriggers` calls `.../listsyncfunctiontriggerstatus`, which only
 * returns the trigger URL and key. So a dynamic resource (sync-triggers.ts) runs this function.
 *
 * Self-contained on purpose: Pulumi serializes it with the dynamic provider and runs it later in
 * its own process, so it may use nothing but globals (fetch, setTimeout) and what it is given.
 */

/** Azure's public cloud. */
export const ARM_ENDPOINT = 'https://management.azure.com';
/** A Microsoft.Web API version that has the operation (it exists since 2016-08-01). */
export const SYNC_API_VERSION = '2024-11-01';

export interface SyncTriggersRequest {
  /** ARM base URL, without a trailing slash. */
  readonly armEndpoint: string;
  /** The app's resource id: /subscriptions/…/resourceGroups/…/providers/Microsoft.Web/sites/<name>. */
  readonly appId: string;
  /** OAuth bearer token for ARM. */
  readonly token: string;
  readonly apiVersion: string;
}

export interface SyncTriggersOptions {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** Wait before try `n` (2, 3, …). */
  readonly delayMs: (attempt: number) => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Bound on one request. */
  readonly timeoutMs: number;
}

/**
 * A new app's host may still be starting (it downloads its package first), and ARM then answers
 * 5xx or 429 for a while; these are tried again, about 95 s in all. Anything else is final: a
 * 4xx names a mistake (a wrong id, missing rights) that trying again would only hide.
 */
export const DEFAULT_SYNC_OPTIONS: SyncTriggersOptions = {
  attempts: 6,
  delayMs: (attempt) => Math.min(30_000, 5_000 * 2 ** (attempt - 2)),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  timeoutMs: 120_000,
};

export interface SyncTriggersResult {
  /** How many requests it took (1 when the first succeeded). */
  readonly attempts: number;
  readonly status: number;
}

/** Syncs, trying again on transient answers; throws an Error naming the app and the last answer. */
export async function syncFunctionTriggers(
  request: SyncTriggersRequest,
  options: SyncTriggersOptions = DEFAULT_SYNC_OPTIONS,
): Promise<SyncTriggersResult> {
  const url = `${request.armEndpoint.replace(/\/+$/, '')}${request.appId}/syncfunctiontriggers?api-version=${encodeURIComponent(request.apiVersion)}`;
  const failures: string[] = [];
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) await options.sleep(options.delayMs(attempt));
    let status: number;
    let detail: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${request.token}`, 'content-type': 'application/json' },
        body: '{}',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      detail = (await response.text()).slice(0, 500);
    } catch (error) {
      failures.push(`try ${attempt}: ${(error as Error).message}`);
      continue;
    }
    if (status >= 200 && status < 300) return { attempts: attempt, status };
    failures.push(`try ${attempt}: HTTP ${status} ${detail}`.trim());
    const transient = status === 408 || status === 429 || status >= 500;
    if (!transient) break;
  }
  throw new Error(
    `Syncing the triggers of Function App ${request.appId} failed (${failures.join('; ')}). ` +
      'Run `pulumi up` again to retry, or sync by hand: az rest --method post --url ' +
      `"https://management.azure.com${request.appId}/syncfunctiontriggers?api-version=${request.apiVersion}"`,
  );
}
