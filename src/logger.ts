import { pino, type Logger } from 'pino';

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

export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(options.pretty && { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } }),
  });
}
