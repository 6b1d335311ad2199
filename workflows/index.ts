/**
 * Workflows: pure state machines for cases and batches.
 *
 * Both modules export `decide` / `availableActions`; here they are re-exported under distinct
 * names (`decideCase`, `availableCaseActions`, `decideBatch`, `availableBatchActions`) and as
 * namespaces (`caseReview.decide`, `batchWorkflow.decide`).
 */
export * as caseReview from "./case-review";
export * as batchWorkflow from "./batch";

export { MAX_REASON_LENGTH, type WorkflowActor } from "./shared";

export {
  CASE_STATES,
  CASE_STATE_LABELS,
  TERMINAL_CASE_STATES,
  CASE_ACTIONS,
  CASE_TRANSITIONS,
  CASE_GUARDS,
  EDITABLE_CASE_STATES,
  isCaseState,
  isCaseAction,
  getCaseTransition,
  targetOf,
  isLeadRegionSubmitter,
  canEditContent,
  canRead,
  decideCase,
  availableCaseActions,
  type CaseState,
  type CaseAction,
  type CaseEffect,
  type CaseGuardName,
  type ClaimChange,
  type CaseTransition,
  type TargetRule,
  type CaseWorkflowInfo,
  type CaseDecisionInput,
  type CaseDecision,
  type CaseDecisionErrorCode,
} from "./case-review";

export {
  BATCH_STATES,
  BATCH_STATE_LABELS,
  TERMINAL_BATCH_STATES,
  BATCH_ACTIONS,
  BATCH_TRANSITIONS,
  BATCH_GUARDS,
  isBatchState,
  isBatchAction,
  getBatchTransition,
  canEditBatchContent,
  decideBatch,
  availableBatchActions,
  type BatchState,
  type BatchAction,
  type BatchEffect,
  type BatchGuardName,
  type BatchTransition,
  type BatchWorkflowInfo,
  type BatchDecisionInput,
  type BatchDecision,
  type BatchDecisionErrorCode,
} from "./batch";
