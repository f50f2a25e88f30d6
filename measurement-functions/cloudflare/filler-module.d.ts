/** A Data module: workerd gives its importer the module's bytes as one ArrayBuffer. */
declare module '*.bin' {
  const bytes: ArrayBuffer;
  export default bytes;
}
