// An array-backed Logger: tests read what core logged, and can check that no secret leaked.
import type { Logger } from '../../src/core/logger';

export type LogLevel = 'info' | 'warn' | 'error' | 'debug';

export interface LogLine {
  level: LogLevel;
  message: string;
}

export class LogCapture implements Logger {
  readonly lines: LogLine[] = [];

  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }

  /** Every message, one per line, for `includes` checks. */
  text(): string {
    return this.lines.map((l) => `${l.level}: ${l.message}`).join('\n');
  }

  clear(): void {
    this.lines.length = 0;
  }
}
