/**
 * The S3 client is packaged as a file of its own next to the handler (infra/aws/recipes.ts), with
 * @aws-sdk/client-s3 left to the runtime, and imported by this name only on storage hops. A
 * specifier held in a constant is one the bundler leaves alone, so the handler's bundle never
 * inlines the client or the SDK.
 */
export const S3_STORE_FILE = 's3-store.mjs';
export const S3_STORE_MODULE = `./${S3_STORE_FILE}`;

export type S3StoreModule = typeof import('../storage/aws-s3.js');
