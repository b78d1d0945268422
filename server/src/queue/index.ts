export {
  RoutingEngine,
  type RoutingEngineOptions,
  type QueueCommandResult,
  type QueueSnapshot,
} from './engine.ts';
export { rebuild } from './rebuild.ts';
export { QueueError, type QueueErrorCode } from './errors.ts';
export { queueEventSchema, type QueueEvent, type QueueEventType, type QueueEventOf } from './events.ts';
export {
  proficiencyThenLongestIdle,
  longestIdle,
  selectionPolicies,
  type SelectionPolicy,
  type Candidate,
} from './selection-policy.ts';
export { isEligible, matchStep, eligibleSkills } from './eligibility.ts';
export type { WaitEstimate } from './estimator.ts';
export * from './types.ts';
