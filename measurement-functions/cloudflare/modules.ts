/**
 * Names of the modules a faasbench Worker is uploaded as. The infra names the multipart parts
 * with these and the entry files import by them, so both sides read them from here.
 */

/** The main module (WorkersScript `mainModule`): the bundled adapter and core. */
export const MAIN_MODULE_NAME = 'worker.js';

/**
 * The filler, a Data module (content type application/octet-stream): workerd hands it to the
 * importing module as an ArrayBuffer, so its bytes are part of what every new isolate loads.
 * padded-worker.ts imports it by this name; an import specifier must be a literal, hence the copy.
 */
export const FILLER_MODULE_NAME = 'filler.bin';

/** Response header carrying the byte length of the filler the isolate loaded. */
export const FILLER_BYTES_HEADER = 'x-faasbench-filler-bytes';
