import type { Logger } from 'pino';

/**
 * `npm start` forwards the terminal's Ctrl-C to a process that has already had it from the terminal
 * (both are in the foreground process group): a repeat this soon is that echo, not someone asking again.
 */
const ECHO_WINDOW_MS = 500;

/**
 * The process's only SIGTERM/SIGINT handlers (Apollo Server's own are turned off in server.ts: its
 * stop() racing ours left the second stop() pending forever, and the process up). The first signal
 * runs `close` and exits 0. Whatever happens the process ends within `graceMs`: a close that fails or
 * overruns the grace, or a second signal, exits 1 with the reason logged.
 */
export function closeOnSignals(options: { graceMs: number; logger: Logger }, close: () => Promise<void>): void {
  const { graceMs, logger } = options;
  let firstSignalAt: number | undefined;

  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt !== undefined) {
      if (Date.now() - firstSignalAt < ECHO_WINDOW_MS) return;
      logger.error({ signal }, 'second signal while shutting down: exiting without finishing');
      process.exit(1);
    }
    firstSignalAt = Date.now();
    logger.info({ signal, graceMs }, 'shutting down');
    setTimeout(() => {
      logger.error({ graceMs }, 'shutdown grace ran out: exiting without finishing');
      process.exit(1);
    }, graceMs);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        // The message only: an error's other properties can hold a request, and its secrets.
        logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
