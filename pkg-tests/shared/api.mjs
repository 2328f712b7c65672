// One suite of API cases, run against every build of the package (Node and browser), in the
// way lightningcss runs one suite against each of its builds. A case names the exported
// function, its arguments, and a check on the result; the runners only differ in how they
// call the function (directly in Node, inside Chromium for the web build).
//
// A thrown error comes back as { error: { isError, code, field, message } } so both runners
// see the same thing.

/** Calls `api[fn](...args)` and returns { value } or { error }. Runs in Node or in a page. */
export function callApi(api, fn, args) {
  try {
    return { value: api[fn](...args) };
  } catch (e) {
    return { error: { isError: e instanceof Error, code: e.code, field: e.field, message: e.message } };
  }
}

// The same function as source text, for page.evaluate.
export const callApiSource = callApi.toString();
