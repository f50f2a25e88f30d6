import { createWorker } from './handler.js';

/** The entry of a Worker uploaded without filler (packageSizeMb 0: the code alone). */
export default createWorker();
