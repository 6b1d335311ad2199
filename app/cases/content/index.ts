export * from "./schema";
export * from "./rich-text";
export * from "./numbering";
export * from "./strings";
export * from "./quality";
