/**
 * The JSON a route sends for a server function's result (dates become strings): browser code types
 * its responses from the function that makes them, so a change of shape is a type error there.
 */
export type JsonOf<T> = T extends Date
  ? string
  : T extends ReadonlyArray<infer U>
    ? JsonOf<U>[]
    : T extends object
      ? { [K in keyof T]: JsonOf<T[K]> }
      : T;

/** The JSON of what an async server function resolves to: `ResponseOf<typeof listQueries>`. */
export type ResponseOf<F extends (...args: never[]) => Promise<unknown>> = JsonOf<Awaited<ReturnType<F>>>;
