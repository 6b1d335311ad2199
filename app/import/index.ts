export * from "./parse";
export * from "./guards";
export * from "./resolve";
export { tocTitle } from "./toc";
export { proposeRegions, actingRegions } from "./regions";
export { qualityWarnings, textDefects } from "~/cases/content/quality";
export type { QualityWarning } from "~/cases/content/quality";
