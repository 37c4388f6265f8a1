import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // Editors can switch the admin interface to Bahasa Indonesia in their profile.
    locales: ['id'],
    // Offline newsroom: no guided tour pop-ups, no release notifications.
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
