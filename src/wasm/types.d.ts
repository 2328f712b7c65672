// Types of the options and results of the exported functions (CONTRACT.md). Written once
// here, appended by wasm-bindgen to pkg/*/hotpatch_planner.d.ts, and checked against what
// the Rust code really produces by pkg-tests/node/types.test.mjs.

/** An OS line (CONTRACT.md "OS lines"); `other` is any Windows without a hotpatch track. */
export type OsLine = "win11-24h2" | "win11-25h2" | "win11-26h2" | "ws2025" | "ws2022" | "other";
/** An inventory format (README "Input formats"). */
export type FormatId =
  | "canonical"
  | "graph"
  | "computerinfo"
  | "deviceguard"
  | "registry"
  | "ucclient"
  | "ucclientupdatestatus"
  | "intune-csv"
  | "defender"
  | "autopatch";
/** The seven hotpatch prerequisites, in report order. */
export type CheckId = "os" | "edition" | "license" | "policy" | "vbs" | "arch" | "baseline";
/** A check's outcome. */
export type CheckStatus = "pass" | "fail" | "unknown";
/** `lcu` if any check fails, else `undetermined` if any is unknown, else `hotpatch`. */
export type Verdict = "hotpatch" | "lcu" | "undetermined";
/** Where the device's build stands on the hotpatch track (DOMAIN.md section 5). */
export type Track = "baseline" | "hotpatch" | "behind" | "off-track" | "unknown" | "none";
/** What a month brings a device: `hotpatch` (no restart) or a restart-requiring update. */
export type UpdateKind = "hotpatch" | "baseline" | "lcu" | "catch-up";
/** A non-Windows platform an export listed. */
export type Platform = "ios" | "macos" | "android" | "linux" | "other";
/** Update ring settings, in days (DOMAIN.md section 6). */
export interface Ring {
  /** Quality update deferral, 0–30: offered on release + deferral. */
  deferralDays: number;
  /** Deadline, 0–30: installed automatically by offer + deadline. */
  deadlineDays: number;
  /** Grace period, 0–7: minimum time after install before a forced restart. */
  graceDays: number;
  /** Active hours start, 0–23 (no automatic restart inside active hours). */
  activeHoursStart?: number;
  /** Active hours end, 0–23; active hours last 1–18 hours. */
  activeHoursEnd?: number;
  /**
   * Devices this ring takes: names (a DNS suffix is ignored) or Entra device ids, ignoring
   * case. Only devices the inventory gives no ring of their own; the first ring listing a
   * device takes it, and lists come before patterns. Each such device gets a note saying why.
   */
  devices?: string[];
  /** Name patterns this ring takes devices by: `*` any run of characters, `?` one; against the name as reported (DNS suffix included), ignoring ASCII case. */
  namePatterns?: string[];
}

/** Tenant-level facts no export carries. */
export interface TenantOptions {
  /** Licence for devices whose record has none; default "eligible", assumed. */
  license?: "eligible" | "ineligible" | "unknown";
  /** Hotpatch setting for devices in no quality update policy; default "allow" from 2026-05-12 (assumed), else "unknown". */
  hotpatch?: "allow" | "block" | "unknown";
  /** Windows Server 2025 Standard/Datacenter hotpatch enrolment through Azure Arc; default "unknown". */
  arcHotpatch?: "enabled" | "pending" | "not-enrolled" | "disabled" | "canceled" | "unknown";
}

/** How far a long evaluation has come (`onProgress`). */
export interface Progress {
  /** What it is doing. */
  stage: "reading" | "merging" | "checking";
  /** Bytes read (reading) or devices checked (checking). */
  done: number;
  /** Bytes or devices in the stage. */
  total: number;
}

/** Options of `evaluate` and `evaluateToJson`. */
export interface EvaluateOptions {
  /** Evaluation date, YYYY-MM-DD; default today (local date). */
  asOf?: string;
  /** Schedule horizon in months, 1–36; default 12. */
  months?: number;
  /** Force the format of every input, or of each input by position; "auto" detects. */
  format?: FormatId | "auto" | Array<FormatId | "auto">;
  /** Tenant settings. */
  tenant?: TenantOptions;
  /** Rings by name, merged over Windows Autopatch's Test, First, Fast and Broad; omitted fields keep the default ring's value. */
  rings?: Record<string, Partial<Ring>>;
  /** Ring for devices with no ring (or an unconfigured one): a ring name or settings; default 0/7/2. */
  defaultRing?: string | Partial<Omit<Ring, "devices" | "namePatterns">>;
  /**
   * Release data merged over the built-in catalog: catalog JSON (README "Release catalog"), or
   * a list of them. In Node.js and in `hotpatch-planner/release`, also Microsoft's release
   * documents (MSRC CVRF, release-health pages, Graph catalog exports, support toc.json).
   */
  catalog?: string | string[];
  /** `false` uses only `catalog`, not the built-in data; default true. */
  builtInCatalog?: boolean;
  /** Called now and then during a long evaluation. */
  onProgress?: (progress: Progress) => void;
}

/** Where a record came from. */
export interface SourceRef {
  /** Index of the input document. */
  input: number;
  /** Index of the record in it. */
  record: number;
}

/** What the report says about one input document. */
export interface InputInfo {
  /** Index of the input. */
  index: number;
  /** The format it was read as; null when it is no known format. */
  format: FormatId | null;
  /** Whether the format was detected (true) or forced by the `format` option. */
  detected: boolean;
  /** How many records it held. */
  records: number;
  /** How many of them (or the document) went to `errors`. */
  errors: number;
  /**
   * How its bytes were decoded when they were not UTF-8 or UTF-16: `windows-1252` (no UTF-8
   * in it at all: what Excel and Windows PowerShell 5.1 save on Western European Windows), or
   * `utf-8-repaired` (invalid bytes read as U+FFFD). Absent for text and well-formed bytes.
   */
  decoding?: "windows-1252" | "utf-8-repaired";
}

/** A problem with the input: a document that is no known format, or a record that cannot be read. */
export interface InputError {
  /** Index of the input. */
  input: number;
  /** Index of the record, when the problem is one record. */
  record: number | null;
  /** JSON path (`value[5].osVersion`), when JSON. */
  path: string | null;
  /** Line (1-based), for CSV rows and broken JSON. */
  line: number | null;
  /** What is wrong, for a person. */
  message: string;
  /**
   * What is wrong, for a program (README "Input error codes"). `EXTENDED_READER`: the
   * browser's core module (pkg/web) reads only JSON from Graph and the canonical format;
   * evaluate this document with the full module (pkg/web/release), as the page does.
   */
  code: InputErrorCode;
}

/** The stable codes of `InputError.code`. */
export type InputErrorCode =
  | "input.empty" | "input.unknown-format" | "input.syntax" | "input.console-table" | "input.console-list" | "input.wrong-format"
  | "record.syntax" | "record.duplicate-field" | "record.no-device" | "record.invalid" | "field.invalid"
  | "row.columns" | "row.syntax" | "EXTENDED_READER";

/** The release data the report used. */
export interface CatalogInfo {
  /** Whether only the built-in catalog was used. */
  builtIn: boolean;
  /** The last month the catalog covers for any line (YYYY-MM). */
  lastMonth: string | null;
  /** The last month per line. */
  lines: Partial<Record<OsLine, string>>;
  /** Per line: where its data starts and ends, and the months of unknown type. */
  coverage: LineCoverage[];
  /** Months up to the evaluation date the release data does not settle, with the MSRC document that would. */
  missing: MissingMonth[];
  /** The release documents the catalog was built from. */
  sources: SourceInfo[];
  /** Where those documents disagreed, and how each disagreement was settled. */
  conflicts: Conflict[];
  /** Parts of those documents that were skipped (a row, a repeated remediation, a month that broke a catalog rule). */
  warnings: Array<{ source: number; name: string | null; code: string; at: string; message: string }>;
}

/** Where one OS line's release data stands. */
export interface LineCoverage {
  line: OsLine;
  name: string;
  first: string | null;
  /** The last month the data has (YYYY-MM); later months are predicted. */
  last: string | null;
  /** The last month whose type (baseline or hotpatch) is known. */
  lastKnownType: string | null;
  /** Months with a known update but no published type: taken as their planned type. */
  typeUnknown: string[];
  /** The last month with hotpatch support, when an end is announced (Windows Server 2022: 2027-10). */
  hotpatchUntil: string | null;
}

/** A month the release data does not settle. */
export interface MissingMonth {
  month: string;
  release: string;
  lines: OsLine[];
  /** The MSRC CVRF document that settles it: https://api.msrc.microsoft.com/cvrf/v3.0/cvrf/2026-Nov */
  url: string;
}

/** A release document a catalog was built from. */
export interface SourceInfo {
  name: string | null;
  kind: "msrc-cvrf" | "msrc-index" | "release-health" | "graph-catalog" | "support-toc" | "catalog" | string;
  title: string;
  date: string | null;
  /** The months it added or settled. */
  months: string[];
}

/** Two release sources that disagree on one fact of one month. */
export interface Conflict {
  line: OsLine;
  month: string;
  field: string;
  values: Array<{ value: string; source: string }>;
  chosen: string;
  message: string;
}

/** Counts over the fleet. */
export interface Summary {
  /** Windows devices evaluated. */
  devices: number;
  hotpatch: number;
  lcu: number;
  undetermined: number;
  /** Devices failing each check (checks no device fails are absent). */
  failing: Partial<Record<CheckId, number>>;
  /** Devices with each check unknown. */
  unknown: Partial<Record<CheckId, number>>;
  /** Non-Windows devices listed in `otherDevices`. */
  otherPlatforms: number;
  /** Devices whose last check-in is more than a month before the evaluation date. */
  notSeen: number;
  /** 31 days before the evaluation date: devices last seen before it are `notSeen`. */
  notSeenBefore: string | null;
  /** How Windows Autopatch's own readiness compares with the planner's; absent without it. */
  microsoft?: MicrosoftSummary;
}

/** The fleet's comparison with Windows Autopatch's `hotpatchReadiness` (DOMAIN.md section 8). */
export interface MicrosoftSummary {
  /** Devices with a readiness verdict from Microsoft. */
  devices: number;
  ready: number;
  notReady: number;
  /** Devices where the planner's verdict matches Microsoft's. */
  agree: number;
  /** Devices where it does not (`device.microsoft.detail` says why). */
  disagree: number;
  /** Devices the planner cannot decide (no comparison). */
  plannerUndetermined: number;
}

/** Microsoft's readiness for one device beside the planner's verdict. */
export interface MicrosoftView {
  /** What Windows Autopatch says. */
  hotpatchReadiness: "ready" | "notReady";
  agreement: "agree" | "disagree" | "plannerUndetermined";
  /** Why they differ, or what the planner cannot tell; null when they agree. */
  detail: string | null;
}

/** The device's OS as the planner understood it. */
export interface OsFacts {
  line: OsLine | null;
  build: number | null;
  ubr: number | null;
  edition: string | null;
  arch: string | null;
}

/** Every check's status. */
export type Checks = Record<CheckId, CheckStatus>;

/** Why a check failed, is unknown, was assumed, or what its sources disagreed on. */
export interface Finding {
  check: CheckId;
  status: CheckStatus;
  /**
   * A stable code for what was found, `<check>.<what>` (`vbs.enabled-not-running`,
   * `edition.pro`, `baseline.behind`…): the README's "Reason codes" lists them all. For
   * filtering, counting and translating; `detail` and `fix` say it in English.
   */
  reason: string;
  /** True when a tenant setting or default decided the status, not the device's data. */
  assumed: boolean;
  /** What was seen and what the rule needs. */
  detail: string;
  /** What to do, or null. */
  fix: string | null;
}

/** One Windows device. */
export interface DeviceReport {
  /** Unique key: the host name without DNS suffix, lowercase (`~2` appended for duplicates). */
  key: string;
  name: string | null;
  entraDeviceId: string | null;
  /** Every record merged into this device. */
  sources: SourceRef[];
  os: OsFacts;
  /** The device's ring name, or null. */
  ring: string | null;
  verdict: Verdict;
  track: Track;
  checks: Checks;
  findings: Finding[];
  /** Key of its plan in `report.plans`. */
  plan: string;
  /** Remarks that are not about one check (an unconfigured ring…). */
  notes: string[];
  /** Its last check-in (YYYY-MM-DD), the latest its inputs report; null when none says. */
  lastSeen: string | null;
  /** Where its build stands against the latest release, as Intune's Hotpatch quality updates report counts it; null when the release data does not know the build. */
  standing: "hotpatched" | "up-to-date" | "not-up-to-date" | null;
  /** Present when the inventory last heard from the device before the latest B release. */
  stale?: { lastSeen: string; release: string };
  /** Microsoft's own readiness beside the planner's verdict (Windows Autopatch device profiles). */
  microsoft?: MicrosoftView;
}

/** A non-Windows device an export listed (not evaluated). */
export interface OtherDevice {
  key: string;
  name: string | null;
  platform: Platform;
  version: string | null;
  sources: SourceRef[];
}

/** One month of a plan. */
export interface PlanMonth {
  /** YYYY-MM. */
  month: string;
  /** The B release date. */
  release: string;
  update: UpdateKind;
  restart: boolean;
  /** Beyond the release data: no KB or build. */
  predicted: boolean;
  kb: string | null;
  build: string | null;
  /** Release + deferral. */
  offer: string;
  /** Offer + deadline. */
  installBy: string;
  /** Offer + max(deadline, grace) for restart-requiring updates, else null. */
  restartBy: string | null;
}

/** The updates that devices sharing it get, month by month. */
export interface Plan {
  line: OsLine | null;
  /** The ring name it was planned with, or null for the default ring. */
  ring: string | null;
  /** True when the plan assumes the device's unknown checks pass. */
  conditional: boolean;
  months: PlanMonth[];
  /** For a plan that restarts first and hotpatches later: the month of its one catch-up restart (YYYY-MM), or null. */
  catchUp: string | null;
  /** For a plan that takes the LCU first and hotpatches later (off the track): the baseline month it takes the LCU until, or null. */
  untilBaseline: string | null;
}

/** The result of `evaluate` (CONTRACT.md "Report"). */
export interface Report {
  schemaVersion: 1;
  /** The evaluation date, YYYY-MM-DD. */
  asOf: string;
  catalog: CatalogInfo;
  inputs: InputInfo[];
  summary: Summary;
  devices: DeviceReport[];
  otherDevices: OtherDevice[];
  plans: Record<string, Plan>;
  errors: InputError[];
  /** The fleet's answers, computed once in the core for every face (README "Fleet answers"). */
  fleet: Fleet;
}

/** The fleet's answers (`report.fleet`). Undetermined devices are always counted apart. */
export interface Fleet {
  /** The OS line most Windows devices are on: the line whose releases `months` shows. */
  line: Exclude<OsLine, "other">;
  /** Every month some plan covers, in order, with that line's release: the table's columns. */
  months: CalendarMonth[];
  /** Next month per ring and per device's own first month (ring order, then month). */
  next: FleetNext[];
  /** The month-by-ring table: configured rings in order, others, the default ring (`null`) last. */
  rings: FleetRing[];
  restarts: FleetRestarts;
  /** Checks failing or unknown on some device, most failing first. */
  blockers: { check: CheckId; failing: number; unknown: number }[];
  /** What to fix first: LCU devices grouped by the checks that keep them there. */
  fixes: FixGroup[];
  /** Undetermined devices whose baseline check is unknown (newer release data would settle them). */
  releaseUndetermined: number;
  /** The first of `months` beyond the release data, or null. */
  predictedFrom: string | null;
  /** Windows devices per quality update release, newest first (Intune's terms). */
  releases: FleetRelease[];
}

/** Who restarts in one ring's next month, and why. */
export interface FleetNext {
  ring: string | null;
  month: string | null;
  /** Decided devices (hotpatch or LCU), of which `restart` restart and `hotpatch` do not. */
  devices: number;
  restart: number;
  hotpatch: number;
  /** Undetermined devices, and how many of them would restart if their unknowns pass. */
  undetermined: number;
  undeterminedRestart: number;
  /** The restarting decided devices by why, largest group first. */
  reasons: FleetReason[];
}

/** A group of devices restarting for one reason: `baseline`, `catch-up` or `lcu:<checks>`. */
export interface FleetReason {
  reason: string;
  update: UpdateKind;
  /** The failing checks behind an LCU (empty for baseline and catch-up). */
  checks: CheckId[];
  devices: number;
  text: string;
}

/** One ring's row of the month-by-ring table: one cell per `fleet.months`. */
export interface FleetRing {
  ring: string | null;
  devices: number;
  months: { restart: number; hotpatch: number; undetermined: number }[];
  /** Intune's *Hotpatch quality updates* states, as far as the inventory tells: on the latest release through its hotpatch… */
  hotpatched: number;
  /** …through its standard build (baseline, LCU, OOB or preview)… */
  upToDate: number;
  /** …on an older release… */
  notUpToDate: number;
  /** …on a build the release data does not know, or none reported. */
  buildUnknown: number;
}

/** Windows devices on one quality update release (Intune's *Windows quality update distribution*). */
export interface FleetRelease {
  /** As Intune names it: "2026-10 B", "2026-07 OOB", "2026-09 D". */
  release: string;
  month: string;
  kind: "B" | "OOB" | "D";
  /** The release date (the earliest across the devices' OS lines). */
  date: string;
  /** Devices on its hotpatch build. */
  hotpatch: number;
  /** Devices on its standard build. */
  standard: number;
}

/** Restarts over the horizon against an LCU every month. */
export interface FleetRestarts {
  horizon: number;
  lcuOnly: number;
  decidedDevices: number;
  planned: number;
  avoided: number;
  conditionalDevices: number;
  conditional: number;
  conditionalAvoided: number;
}

/** LCU devices that fixing `checks` would move to hotpatch. */
export interface FixGroup {
  /** `fix:` and the checks joined by `+`. */
  reason: string;
  checks: CheckId[];
  devices: number;
  /** Restarts a year the group avoids once fixed: 12 months against their baseline months for an LCU device; the one catch-up for a device behind the baseline. */
  restartsAvoidedPerYear: number;
  /** Restarts the group avoids once: devices whose only failing check is the baseline catch up by themselves. */
  restartsAvoidedOnce: number;
  /** The findings' fix texts, most common first (at most five). */
  fixes: string[];
  /** What to do, in words. */
  text: string;
}

/** Options of `toCsv`. */
export interface CsvOptions {
  /**
   * Whether the text starts with the byte-order mark and the header row; default true.
   * `false` for the later parts of a CSV written a window of devices at a time.
   */
  header?: boolean;
}

/** Options of `toIcs`. */
export interface IcsOptions {
  /** Events per ring for the fleet; default true. */
  fleet?: boolean;
  /** Events per device: "all" or a list of device keys; default none. */
  devices?: "all" | string[];
  /** Calendar name; default "Hotpatch Planner". */
  name?: string;
}

/** Options of `releaseCalendar`. */
export interface CalendarOptions {
  line: Exclude<OsLine, "other">;
  /** First month, YYYY-MM. */
  from: string;
  /** How many months; default 12. */
  months?: number;
  /** Release data, as in `EvaluateOptions`. */
  catalog?: string | string[];
  builtInCatalog?: boolean;
}

/** An out-of-band release, or the month's optional preview (D release). */
export interface OobRelease {
  date: string | null;
  kind: "hotpatch" | "lcu" | "preview";
  kb: string | null;
  build: string | null;
}

/** One month of an OS line's release calendar. */
export interface CalendarMonth {
  month: string;
  /** The B release date (second Tuesday). */
  release: string;
  type: "baseline" | "hotpatch";
  /** False for an unplanned baseline. */
  planned: boolean;
  /** Beyond the release data. */
  predicted: boolean;
  /** False when Microsoft has not said whether the month is a baseline or a hotpatch month (`type` is then the planned one). */
  typeKnown: boolean;
  line: OsLine;
  /** The baseline or hotpatch KB and build. */
  kb: string | null;
  build: string | null;
  /** The standard LCU of the month. */
  lcuKb: string | null;
  lcuBuild: string | null;
  oob: OobRelease[];
  /** A preview-era hotpatch month. */
  preview: boolean;
  confidence: "confirmed" | "secondary" | "unclear";
  note: string | null;
}

/** What `readDeviceList` found: what a ring's `devices` option takes. */
export interface DeviceList {
  /** Device names and Entra device ids, each once, in the order read. */
  devices: string[];
  /** The columns they came from, as the header wrote them (empty for plain text). */
  columns: string[];
  /** Rows that were not devices (users, groups in a group's members) or named none. */
  skipped: number;
}

/** Options of `lookupBuild`. */
export interface LookupOptions {
  line: Exclude<OsLine, "other">;
  /** `26100.4349`, `10.0.26100.4349` or a UBR. */
  build: string | number;
  catalog?: string | string[];
  builtInCatalog?: boolean;
}

/** What a build is. */
export interface BuildInfo {
  line: OsLine;
  build: string;
  month: string;
  kind: "baseline" | "hotpatch" | "lcu" | "oob-hotpatch" | "oob-lcu" | "preview";
  date: string | null;
  kb: string | null;
  /** Whether the build is on the hotpatch track. */
  hotpatchTrack: boolean;
  /** False when its month's type is not published: `kind` and `hotpatchTrack` follow the planned calendar. */
  typeKnown: boolean;
}

/** A release document for `readReleaseData`. */
export type ReleaseDocument = string | Uint8Array | ArrayBuffer | { name?: string; text: string } | { name?: string; bytes: Uint8Array | ArrayBuffer };

/** Options of `readReleaseData`. */
export interface ReleaseDataOptions {
  /** Catalog JSON from an earlier call, to merge over. */
  base?: string;
  /** `false`: merge over `base` alone, not the built-in data. */
  builtInCatalog?: boolean;
  /** With it, `missing` lists the months up to this date still unsettled. */
  asOf?: string;
}

/** What `readReleaseData` returns (Node.js package and `hotpatch-planner/release`). */
export interface ReleaseData {
  /** The merged catalog as catalog JSON: pass it as `catalog`, keep it, or download it; null when none of the documents could be read. */
  catalog: string | null;
  sources: Array<SourceInfo & { index: number; added: number; lists: string[] }>;
  /** Unreadable documents and skipped parts, naming the document and position. */
  errors: Array<{ source: number; name: string | null; code: string; at: string; message: string }>;
  conflicts: Conflict[];
  coverage: LineCoverage[];
  missing: MissingMonth[];
}

/**
 * What the functions throw: an Error with a machine-readable code and the field concerned.
 * Misuse: `INVALID_*`. Limits: `MEMORY_LIMIT` (over 1 GiB of input, or WebAssembly's 4 GiB of
 * memory), `STRING_LIMIT` (a result longer than a JS string can be). `INTERNAL`: a bug (a
 * panic). After `MEMORY_LIMIT` and `INTERNAL` the module is restarted; the next call works.
 */
export interface PlannerError extends Error {
  code: "INVALID_OPTION" | "INVALID_INPUT" | "INVALID_CATALOG" | "INVALID_REPORT" | "MEMORY_LIMIT" | "STRING_LIMIT" | "INTERNAL" | "EXTENDED_READER";
  field: string;
}

/** What `evaluate` reads: the text or bytes of one document, or several. */
export type InventoryInput = string | Uint8Array | ArrayBuffer | Array<string | Uint8Array | ArrayBuffer>;
// Signatures without the optional last argument (wasm-bindgen writes it as required).
export function evaluate(input: InventoryInput): Report;
export function evaluateToJson(input: InventoryInput): string;
export function toIcs(report: Report | string): string;
export function toCsv(report: Report | string): string;
export interface Planner {
  jsonParts(space?: number | string): string[];
}

/**
 * Which devices a `Planner` view shows (README "The planner handle"); every field given must
 * hold. An empty text in any field is no filter (what an HTML select gives for "any").
 */
export interface ViewFilter {
  /** Text found, ignoring ASCII case, in the name, key or Entra device id. */
  search?: string;
  /** A verdict, or `decided` (hotpatch or LCU). */
  verdict?: Verdict | "decided" | "";
  /** A check and which outcome: `fail:vbs`, `unknown:vbs` or `any:vbs`. */
  check?: `${"fail" | "unknown" | "any"}:${CheckId}` | "";
  /** The ring devices are planned under; `null` for the default ring. */
  ring?: string | null;
  /** The OS line; `null` for devices whose line is unknown. */
  line?: OsLine | null | "";
  /** Devices that restart in this month (`YYYY-MM`), by their own plans. */
  restartMonth?: string;
  /** A fix group of `fleet.fixes` (check ids joined by `+`): LCU devices failing exactly those checks. */
  fix?: string;
  /** Devices whose own next month (their plan's first) is this one (`YYYY-MM`). */
  firstMonth?: string;
  /** A reason group of `fleet.next[].reasons` (`baseline`, `catch-up`, `lcu:vbs`). */
  reason?: string;
  /** Windows Autopatch's readiness, or how the planner's verdict compares with it; `none`: not rated. */
  autopatch?: "disagree" | "plannerUndetermined" | "agree" | "ready" | "notReady" | "none" | "";
  /** Only devices last seen before `summary.notSeenBefore`. */
  notSeen?: boolean;
  /** The build against the latest release; `unknown`: a build the release data does not know. */
  standing?: "hotpatched" | "up-to-date" | "not-up-to-date" | "unknown" | "";
  /** Words for the filter, for the caller; ignored. */
  label?: string;
}

/** A `Planner` view's order: a column and its direction; ties stay in name order. */
export interface ViewSort {
  key?: "name" | "os" | "edition" | "arch" | "verdict" | "track" | "autopatch" | "checks" | "ring" | "nextRestart";
  dir?: "asc" | "desc";
}

/** How many devices of a `Planner` view have each filter value. */
export interface ViewCounts {
  devices: number;
  verdict: Record<Verdict, number>;
  failing: Record<CheckId, number>;
  unknown: Record<CheckId, number>;
  standing: { hotpatched: number; "up-to-date": number; "not-up-to-date": number; unknown: number };
  notSeen: number;
  /** Per OS line id, and `unknown`. */
  lines: Record<OsLine | "unknown", number>;
  /** Per ring of `report.fleet.rings`, in its order. */
  rings: number[];
}
