export {
  CODES, CODE_NAMES, codeOf, PROBLEM_TYPE_BASE, REASONS, REASON_NAMES, isReason, problemOf, problemType,
  type CodeEntry, type GrpcCodeName, type Reason, type ReasonEntry, type ServiceReason,
} from './catalog.js';
