/** Operation names that keep a label of their own; later new names share OTHER_OPERATIONS. */
export const MAX_OPERATION_LABELS = 100;
/** A GraphQL name of at most 64 characters; any other name is never a label. */
const LABEL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
export const OTHER_OPERATIONS = '__other';
export const ANONYMOUS_OPERATION = 'anonymous';

/**
 * Operation names are the caller's choice, and every label value is a time series Prometheus keeps
 * forever: unbounded, they grow /metrics (and the scraper) without end. The first
 * MAX_OPERATION_LABELS distinct names seen keep their own label (a router's operations are a fixed
 * set, seen early); every later one is counted under OTHER_OPERATIONS.
 */
export class OperationLabels {
  private readonly labelled = new Set<string>();

  constructor(private readonly max = MAX_OPERATION_LABELS) {}

  /** The label for an operation: its name, ANONYMOUS_OPERATION (one of the MAX) or OTHER_OPERATIONS. */
  labelOf(operationName: string | null | undefined): string {
    const name = operationName ?? ANONYMOUS_OPERATION;
    if (this.labelled.has(name)) return name;
    if (!LABEL_NAME.test(name) || this.labelled.size >= this.max) return OTHER_OPERATIONS;
    this.labelled.add(name);
    return name;
  }
}
