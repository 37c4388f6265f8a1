import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { VIEWS, type EditRow, type ViewDefinition } from '../admin-views';

type Metadata = {
  edit: {
    label?: string;
    description?: string;
    placeholder?: string;
    visible?: boolean;
    editable?: boolean;
    mainField?: string;
  };
  list: { label?: string; searchable?: boolean; sortable?: boolean };
};
export type ViewConfiguration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, Metadata>;
  layouts: { list: string[]; edit: EditRow[] };
};
type Model = { uid: string; attributes: Record<string, unknown> };
type ConfigurationService = {
  findConfiguration(model: Model): Promise<ViewConfiguration>;
  updateConfiguration(model: Model, configuration: ViewConfiguration): Promise<unknown>;
};
type ContentTypesService = ConfigurationService & { findContentType(uid: string): Model | undefined };
type ComponentsService = ConfigurationService & { findComponent(uid: string): Model | undefined };

/** Where the fingerprint of each applied view is kept (Strapi's core store). */
const STORE = { type: 'core' as const, name: 'newsroom', key: 'content-manager-views' };
type Applied = Record<string, string>;

export const viewFingerprint = (view: ViewDefinition): string =>
  createHash('sha256').update(JSON.stringify(view)).digest('hex').slice(0, 16);

const services = (strapi: Core.Strapi, view: ViewDefinition): { service: ConfigurationService; model: Model } => {
  const cm = strapi.plugin('content-manager');
  if (view.kind === 'contentType') {
    const service = cm.service('content-types') as unknown as ContentTypesService;
    const model = service.findContentType(view.uid);
    if (!model) throw new Error(`[views] unknown content type ${view.uid}`);
    return { service, model };
  }
  const service = cm.service('components') as unknown as ComponentsService;
  const model = service.findComponent(view.uid);
  if (!model) throw new Error(`[views] unknown component ${view.uid}`);
  return { service, model };
};

/** A view naming a field the model does not have is a bug in the project: fail the boot, naming it. */
const checkNames = (view: ViewDefinition, model: Model): void => {
  const names = [
    ...(view.list ?? []),
    ...(view.edit ?? []).flat().map((f) => f.name),
    ...Object.keys(view.fields ?? {}),
    ...(view.readOnly ?? []),
    ...[view.mainField, view.defaultSortBy].filter((n): n is string => typeof n === 'string'),
  ];
  const unknown = names.filter((n) => !(n in model.attributes));
  if (unknown.length > 0) throw new Error(`[views] ${view.uid} has no field(s) ${[...new Set(unknown)].join(', ')}`);
};

/** The project's view laid over Strapi's stored configuration. */
export const applyView = (current: ViewConfiguration, view: ViewDefinition): ViewConfiguration => {
  const next: ViewConfiguration = structuredClone(current);
  if (view.mainField) next.settings.mainField = view.mainField;
  if (view.defaultSortBy) next.settings.defaultSortBy = view.defaultSortBy;
  if (view.defaultSortOrder) next.settings.defaultSortOrder = view.defaultSortOrder;
  for (const [name, field] of Object.entries(view.fields ?? {})) {
    const meta = (next.metadatas[name] ??= { edit: {}, list: {} });
    const { label, description, placeholder, mainField } = field;
    meta.edit = {
      ...meta.edit,
      ...(label && { label }),
      ...(description && { description }),
      ...(placeholder && { placeholder }),
      ...(mainField && { mainField }),
    };
    if (label) meta.list = { ...meta.list, label };
  }
  if (view.list) next.layouts.list = [...view.list];
  if (view.edit) {
    // Fields Strapi shows that the project's layout forgot (e.g. added to the schema later) keep a place at the end.
    const placed = new Set(view.edit.flat().map((f) => f.name));
    const rest = current.layouts.edit.flat().filter((f) => !placed.has(f.name));
    next.layouts.edit = [...view.edit.map((row) => row.map((f) => ({ ...f }))), ...(rest.length > 0 ? [rest] : [])];
  }
  return enforceReadOnly(next, view);
};

/** Computed fields are never editable in the edit view. */
export const enforceReadOnly = (configuration: ViewConfiguration, view: ViewDefinition): ViewConfiguration => {
  for (const name of view.readOnly ?? []) {
    const meta = (configuration.metadatas[name] ??= { edit: {}, list: {} });
    meta.edit = { ...meta.edit, editable: false };
  }
  return configuration;
};

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies the project's Content Manager views (src/admin-views) at boot, after
 * Strapi has synced its own configuration with the schemas.
 *
 * A view is written when it is new or the project changed it (its fingerprint,
 * kept in the core store, differs). Otherwise the stored configuration is left
 * as it is, so a change an administrator makes later with "Configure the view"
 * survives restarts, until the project ships a new version of that view. The
 * read-only flag of computed fields is enforced at every boot.
 */
export const ensureContentManagerViews = async (
  strapi: Core.Strapi,
  views: readonly ViewDefinition[] = VIEWS,
): Promise<void> => {
  const store = strapi.store(STORE);
  const applied = ((await store.get({})) as Applied | null) ?? {};
  const nextApplied: Applied = { ...applied };

  for (const view of views) {
    const { service, model } = services(strapi, view);
    checkNames(view, model);
    const stored = await service.findConfiguration(model);
    const current: ViewConfiguration = {
      settings: stored.settings,
      metadatas: stored.metadatas,
      layouts: stored.layouts,
    };
    const fingerprint = viewFingerprint(view);
    const fresh = applied[view.uid] !== fingerprint;
    const next = fresh ? applyView(current, view) : enforceReadOnly(structuredClone(current), view);
    if (!sameJson(next, current)) {
      await service.updateConfiguration(model, next);
      strapi.log.info(`[views] ${view.uid}: ${fresh ? 'project view applied' : 'read-only fields restored'}`);
    }
    nextApplied[view.uid] = fingerprint;
  }
  if (!sameJson(nextApplied, applied)) await store.set({ value: nextApplied });
};
