/**
 * When the Node worker began loading this app. entry.ts imports this module first, so it is
 * evaluated before @azure/functions and the measurement code. It stands in for the process start:
 * on Consumption plans Azure keeps placeholder workers running before any app is assigned to them
 * and loads the app's `main` into one when it specialises ("worker indexing",
 * https://learn.microsoft.com/azure/azure-functions/functions-reference-node), so the worker
 * process may be minutes older than the function it serves.
 */
export const appLoadStartedAtMs = performance.timeOrigin + performance.now();
