import filler from './filler.bin';
import { createWorker } from './handler.js';
import { FILLER_BYTES_HEADER } from './modules.js';

/**
 * The entry of a Worker padded to its package size. The static import puts the filler Data
 * module in the module graph, so workerd loads all of its bytes before the isolate serves its
 * first request, which is what the package-size experiments measure. Its length is reported in a
 * header so a test can see which filler an isolate really loaded.
 */
export default createWorker({ [FILLER_BYTES_HEADER]: String(filler.byteLength) });
