export * from "./reference";
export * from "./auth";
export * from "./audit";
export * from "./cases";
export * from "./review";
export * from "./search";
export * from "./calls";
