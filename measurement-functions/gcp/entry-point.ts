/**
 * The name the function is registered under (`functions.http`, `def measure`) and that the
 * deployment names as its entry point. In its own file so infra can import it without loading
 * the adapter, which reads its environment at load.
 */
export const ENTRY_POINT = 'measure';
