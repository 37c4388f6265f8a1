import { winston, formats } from '@strapi/logger';
import { readSettings } from '../src/config/settings';

/** Strapi's default console logger with its level taken from LOG_LEVEL (the tests use "warn"). */
export default () => {
  const level = readSettings().logLevel;
  return {
    level,
    transports: [
      new winston.transports.Console({
        level,
        format: formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
      }),
    ],
  };
};
