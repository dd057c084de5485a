import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';
import { secretRedactor } from './redact-secrets.js';

/** Paths that may hold secrets or personal data, should they ever reach a log object. */
const REDACT_PATHS = [
  'password',
  '*.password',
  'securityToken',
  '*.securityToken',
  'clientSecret',
  '*.clientSecret',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers["router-authorization"]',
];

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  /** The configured secret values (config's `secretValues`): censored in every line, in every encoding. */
  secrets: readonly (string | undefined)[];
  /** Where lines go instead of stdout (tests); not with `pretty`. */
  destination?: DestinationStream;
}

/** The active span's ids, so a log line joins its trace; nothing when no span is active (or tracing is off). */
function traceIds(): Record<string, string> {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      mixin: traceIds,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // Runs on each serialized line, so only on lines whose level is on, and on every one of them.
      hooks: { streamWrite: secretRedactor(options.secrets) },
      ...(options.pretty && { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } }),
    },
    options.destination,
  );
}
