export * from "./parse";
export { proposeRegions, actingRegions } from "./regions";
export { qualityWarnings, textDefects } from "~/cases/content/quality";
export type { QualityWarning } from "~/cases/content/quality";
