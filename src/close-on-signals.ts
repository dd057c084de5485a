import type { Logger } from 'pino';

/**
 * `npm start` forwards the terminal's Ctrl-C to a process that has already had it from the terminal
 * (both are in the foreground process group): a repeat this soon is that echo, not someone asking again.
 */
const ECHO_WINDOW_MS = 500;

/** How long the last log lines are given to reach stdout before the process ends. */
const EXIT_WRITE_WAIT_MS = 100;

/** Why the process ended, as its last log line (`stopped`) gives it. */
type ExitReason = 'signal' | 'error' | 'grace exceeded' | 'second signal';

/**
 * The process's only SIGTERM/SIGINT handlers (Apollo Server's own are turned off in server.ts: its
 * stop() racing ours left the second stop() pending forever, and the process up). The first signal
 * runs `close` and exits 0. Whatever happens the process ends within `graceMs`: a close that fails or
 * overruns the grace, or a second signal, exits 1 with the reason logged. The last line is always
 * `stopped`, with the reason, the exit code and how long the shutdown took.
 */
export function closeOnSignals(options: { graceMs: number; logger: Logger }, close: () => Promise<void>): void {
  const { graceMs, logger } = options;
  let firstSignal: { signal: NodeJS.Signals; at: number } | undefined;
  let exiting = false;

  const exit = (exitCode: 0 | 1, reason: ExitReason): void => {
    if (exiting) return;
    exiting = true;
    const { signal, at } = firstSignal!;
    logger[exitCode === 0 ? 'info' : 'error']({ reason, signal, exitCode, durationMs: Date.now() - at }, 'stopped');
    // pino writes stdout asynchronously, and on process.exit() it writes what it still holds synchronously, ahead of
    // a write in flight (seen: `stopped` landing before the line logged just ahead of it). pino's flush() does not
    // wait for a write in flight, so a moment lets them land, in order.
    setTimeout(() => process.exit(exitCode), EXIT_WRITE_WAIT_MS);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignal !== undefined) {
      if (Date.now() - firstSignal.at < ECHO_WINDOW_MS) return;
      logger.error({ signal }, 'second signal while shutting down: exiting without finishing');
      exit(1, 'second signal');
      return;
    }
    firstSignal = { signal, at: Date.now() };
    // graceMs bounds the shutdown; it ends as soon as the requests in flight are answered, the `stopped` line says when.
    logger.info({ signal, graceMs }, 'shutting down');
    setTimeout(() => {
      logger.error({ graceMs }, 'shutdown grace ran out: exiting without finishing');
      exit(1, 'grace exceeded');
    }, graceMs);
    close().then(
      () => exit(0, 'signal'),
      (error: unknown) => {
        // The message only: an error's other properties can hold a request, and its secrets.
        logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'shutdown failed');
        exit(1, 'error');
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
