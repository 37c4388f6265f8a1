import { readSettings } from '../src/config/settings';

/** The project's own settings, read once per boot: `strapi.config.get('newsroom')` (src/config/settings.ts). */
export default () => readSettings();
