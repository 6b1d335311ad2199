/** The pieces of the case form (see the modules in ./fields). */
export { EditorContext, Counter, ErrorText, OpButton, RichTextField, SectionError, TextField, type EditorContextValue } from "./fields/text";
export { PartControls } from "./fields/PartControls";
export { IntroList, ItemList } from "./fields/lists";
export { HeadingChoice, NextStepsEditor, PointsEditor } from "./fields/blocks";
export { emptyItem } from "./values";
