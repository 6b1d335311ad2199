import type { Figure } from "./figures";
import type { ImportNote } from "./import-notes";
import type { StyleFinding } from "./style";

export type SharedPassage = { mine: string; theirs: string; score: number };
export type SimilarCase = { caseId: string; title: string; state: string; batch: number | null; region: string; score: number; passages: SharedPassage[] };
export type ContentAids = { findings: StyleFinding[]; figures: Figure[] };
export type ReviewerAids = ContentAids & { importNotes: ImportNote[]; similar: SimilarCase[]; referenceDate: string };
