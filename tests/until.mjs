/**
 * Waiting for a condition, shared by the Node unit tests (tests/js/) and the end-to-end tests
 * (tests/e2e/, through editor-contract.mjs).
 */

/** Poll `fn` (an async function) until it returns a truthy value; fail with `what` after timeoutMs. */
export async function until(fn, what, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
