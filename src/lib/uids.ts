import type { UID } from '@strapi/strapi';

export const ARTICLE_UID = 'api::article.article' satisfies UID.ContentType;
export const AUTHOR_UID = 'api::author.author' satisfies UID.ContentType;
export const TAG_UID = 'api::tag.tag' satisfies UID.ContentType;
export const RELATED_LINK_UID = 'api::related-link.related-link' satisfies UID.ContentType;

/** The newsroom's own content types, in the order a seed must write them. */
export const NEWSROOM_UIDS = [AUTHOR_UID, TAG_UID, RELATED_LINK_UID, ARTICLE_UID] as const;
export type NewsroomUid = (typeof NEWSROOM_UIDS)[number];

/** Content types whose `slug` is made on the server, and the field it is made from. */
export const SLUG_SOURCES = {
  [ARTICLE_UID]: 'title',
  [AUTHOR_UID]: 'name',
  [TAG_UID]: 'name',
} as const;
export type SluggedUid = keyof typeof SLUG_SOURCES;

/** Site-wide publishing settings (single type): name, URL, publisher, logo. */
export const SITE_SETTING_UID = 'api::site-setting.site-setting' satisfies UID.ContentType;

/** Strapi's own content types that the access policy and the boot repair write. */
export const UP_ROLE_UID = 'plugin::users-permissions.role' satisfies UID.ContentType;
export const UP_PERMISSION_UID = 'plugin::users-permissions.permission' satisfies UID.ContentType;
export const UP_USER_UID = 'plugin::users-permissions.user' satisfies UID.ContentType;
export const ADMIN_ROLE_UID = 'admin::role' satisfies UID.ContentType;
export const ADMIN_PERMISSION_UID = 'admin::permission' satisfies UID.ContentType;
export const ADMIN_USER_UID = 'admin::user' satisfies UID.ContentType;
export const API_TOKEN_UID = 'admin::api-token' satisfies UID.ContentType;
