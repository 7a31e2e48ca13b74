/*
 * Matching errors that come straight from the database driver.
 *
 * better-sqlite3 builds its errors with the `SqliteError` constructor it was
 * given the first time its native addon was loaded in the process. Jest gives
 * every test file its own globals but loads a native addon only once per
 * worker, so in a test file that runs after another SQLite suite in the same
 * worker, SQLite errors are not `instanceof` that file's `Error`. Jest's
 * `rejects.toThrow()` then reports "Received function did not throw" although
 * the promise rejected. Matching the error's message works in every worker.
 */

/** For `rejects.toMatchObject(…)`: any error whose message matches `pattern`. */
export function errorWithMessage(pattern: RegExp) {
  return { message: expect.stringMatching(pattern) };
}
