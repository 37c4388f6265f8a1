import { winston, formats } from '@strapi/logger';

const level = process.env.LOG_LEVEL ?? 'http';

/** Strapi's default console logger with its level taken from LOG_LEVEL (the tests use "warn"). */
export default {
  level,
  transports: [
    new winston.transports.Console({
      level,
      format: formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
    }),
  ],
};
