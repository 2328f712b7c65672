// What a browser that cannot run the planner's Wasm is told. The module is built with
// WebAssembly SIMD (.cargo/config.toml); a browser without it fails to compile the module
// with a message only a developer can read.

/** The error for a failed Wasm start: says what the planner needs, keeps the browser's words. */
export function unsupportedBrowser(cause) {
  const error = new Error(
    "This browser cannot run the planner's WebAssembly module. It needs WebAssembly with SIMD: " +
    `Chrome or Edge 91+, Firefox 89+, Safari 16.4+. (The browser said: ${cause?.message ?? cause})`);
  error.code = 'UNSUPPORTED_BROWSER';
  return error;
}
