// Types of the <hotpatch-planner> web component (README "Web component"). The report types
// are the package's own (pkg/web/hotpatch_planner.d.ts).
import type { CatalogInfo, InputInfo, Report, Ring, Summary } from '../../pkg/web/hotpatch_planner.js';

/** A section of the planner that can be shown or hidden. */
export type PlannerSection = 'inputs' | 'settings' | 'release' | 'overview' | 'devices';

/** What `evaluate()` and `inventory` accept: text, a file, bytes, or several of those. */
export type PlannerInput = string | Blob | ArrayBuffer | ArrayBufferView | { name?: string; text: string } | { name?: string; bytes: ArrayBuffer | ArrayBufferView };

/** Tenant settings (unset: the documented defaults, marked as assumed in the report). */
export interface PlannerTenant {
  license?: 'eligible' | 'ineligible' | 'unknown';
  hotpatch?: 'allow' | 'block' | 'unknown';
  arcHotpatch?: 'enabled' | 'pending' | 'not-enrolled' | 'disabled' | 'canceled' | 'unknown';
}

/** The detail of a `hotpatch-report` event (and what `evaluate()` resolves with). */
export interface PlannerReportDetail {
  asOf: string;
  summary: Summary;
  inputs: InputInfo[];
  /** How many problems the inputs had (all are in the report's `errors`). */
  errorCount: number;
  catalog: CatalogInfo;
  /** The whole report; parsed on first use (it can be large). */
  readonly report: Promise<Report>;
  /** The whole report as JSON text. */
  readonly json: Promise<string>;
}

/** The detail of a `hotpatch-error` event. */
export interface PlannerErrorDetail {
  message: string;
  /**
   * INVALID_OPTION, INVALID_CATALOG, INVALID_INPUT, INVALID_SRC, INVALID_CATALOG_SRC (a
   * catalog-src it cannot load or read), UNSUPPORTED_BROWSER (no WebAssembly SIMD), the
   * core's MEMORY_LIMIT, STRING_LIMIT and INTERNAL (see `PlannerError`)…, or null.
   */
  code: string | null;
  field: string | null;
}

/** `<hotpatch-planner>`. Attributes: as-of, months, sections, src, catalog-src, inventory, license, hotpatch, arc-hotpatch, rings (JSON), storage-key, theme (light | dark). */
export class HotpatchPlanner extends HTMLElement {
  /** Evaluation date (YYYY-MM-DD), or null for today. */
  asOf: string | null;
  /** Months to plan, 1–36. */
  months: number;
  /** The sections shown. */
  sections: PlannerSection[];
  /** URL of a same-origin inventory file. */
  src: string | null;
  /** URL of a same-origin release catalog (or any release document), read as release data at start. */
  catalogSrc: string | null;
  /** The loaded documents' text (null for files read as bytes). */
  get inventory(): Array<string | null>;
  /** Replaces the loaded inventory and evaluates. */
  set inventory(value: PlannerInput | PlannerInput[]);
  tenant: PlannerTenant;
  /** Rings by name, merged over Windows Autopatch's defaults. */
  rings: Record<string, Ring>;
  /** The last evaluation's summary. */
  readonly summary: Summary | null;
  /** The last evaluation's report. */
  readonly report: Promise<Report> | null;
  /** Replaces the inventory (if given) and evaluates. */
  evaluate(inputs?: PlannerInput | PlannerInput[]): Promise<PlannerReportDetail>;
  /** Removes every loaded document. */
  clear(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'hotpatch-planner': HotpatchPlanner;
  }
  interface HTMLElementEventMap {
    'hotpatch-report': CustomEvent<PlannerReportDetail>;
    'hotpatch-error': CustomEvent<PlannerErrorDetail>;
  }
}
