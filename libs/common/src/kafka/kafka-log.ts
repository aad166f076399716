import { Logger } from '@nestjs/common';
import { logLevel, type LogEntry } from 'kafkajs';

/** Route kafkajs logs through Nest's logger (hence JSON, with the correlation id if any). */
export function kafkaLogCreator(): (entry: LogEntry) => void {
  const logger = new Logger('kafkajs');
  return ({ level, log, namespace }) => {
    const { message, ...fields } = log;
    const line = { msg: message, namespace, ...fields };
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else if (level === logLevel.INFO) logger.log(line);
    else logger.debug(line);
  };
}
