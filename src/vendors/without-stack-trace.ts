/**
 * Builds an error without capturing a stack trace: for expected outcomes (a vendor's "no", an error raised on purpose),
 * which are answers, not faults. Nobody reads their stack (responses never carry one, formatError logs named fields
 * only), and capturing one per error, then source-mapping it when graphql-js copies it, was measurable CPU under
 * `_entities` (docs/benchmarks.md). Faults keep theirs: the unexpected-errors plugin logs it.
 */
export function withoutStackTrace<T>(make: () => T): T {
  const depth = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = depth;
  }
}
