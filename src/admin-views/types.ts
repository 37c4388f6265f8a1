/**
 * How the project describes a Content Manager view (the admin panel's list and
 * edit screens of one content type or component). src/bootstrap/content-manager-views.ts
 * applies these to Strapi's stored view configuration at boot.
 */
export type FieldView = {
  /** Shown above the field in the edit view and as the list column header. */
  label?: string;
  /** Help text under the field in the edit view. */
  description?: string;
  placeholder?: string;
  /** For a relation: the related entry's field shown instead of its id. */
  mainField?: string;
};

/** One row of the edit view: fields with their width (12 columns a row). */
export type EditRow = { name: string; size: number }[];

export type ViewDefinition = {
  uid: string;
  kind: 'contentType' | 'component';
  /** The field naming an entry: relation pickers and list links show it. */
  mainField?: string;
  defaultSortBy?: string;
  defaultSortOrder?: 'ASC' | 'DESC';
  /** List view columns, left to right. */
  list?: string[];
  /** Edit view rows, top to bottom, grouped by what an editor does. */
  edit?: EditRow[];
  fields?: Record<string, FieldView>;
  /**
   * Fields the server computes: shown but not editable. Enforced at every
   * boot, even after an editor reconfigured the view.
   */
  readOnly?: string[];
};
