import { chainConfigFromEnv, nextHopFromEnv } from '../chain/index.js';
import { createMeasurementInstance } from '../core/index.js';
import { azureBlobStoreFromEnv } from '../storage/azure-blob.js';
import type { TransferStore } from '../storage/transfer-store.js';
import { type AzureHop, azureConfigFromEnv, createAzureHandler } from './handler.js';
import { appLoadStartedAtMs } from './load-start.js';

const config = azureConfigFromEnv(process.env);
// Made at module load: the Node worker loads the app's entry once per instance, so this marks
// exactly one Azure instance. instanceStartedAt is when the worker began loading the app, not the
// worker process's start, which can predate the app (see load-start.ts); initEndedAt is now. The
// worker indexes the app before the host dispatches the first invocation to it, so even an
// on-demand cold start shows some idle time between the two.
const instance = createMeasurementInstance({ loadStartedAt: appLoadStartedAtMs });

// Set only on the apps of a chain; the transfer container's URL and SAS only on storage chains'.
const chain = chainConfigFromEnv(process.env);
let store: TransferStore | undefined;
const hop: AzureHop | null =
  chain === null
    ? null
    : { chain, store: () => (store ??= azureBlobStoreFromEnv(process.env)), next: chain.hasNext ? nextHopFromEnv(process.env) : null };

/** The handler of this instance, configured from the app settings. */
export const measure = createAzureHandler(instance, config, hop);
