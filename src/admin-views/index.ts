import { articleView } from './article';
import { authorView } from './author';
import { componentViews } from './components';
import { relatedLinkView } from './related-link';
import { tagView } from './tag';
import type { ViewDefinition } from './types';

export type { ViewDefinition, FieldView, EditRow } from './types';

/** Every Content Manager view the project configures (applied by src/bootstrap/content-manager-views.ts). */
export const VIEWS: readonly ViewDefinition[] = [articleView, authorView, tagView, relatedLinkView, ...componentViews];
