import { Enum } from '../../src/runtime/Metadata';

/** Enum 397 "No. Series Implementation": which codeunit hands out a No. Series Line's numbers. */
export const NoSeriesImplementation = {
  /** Codeunit 306 "No. Series - Stateless Impl.": Last No. Used read, locked and modified for every number. */
  Normal: 0,
  /** Codeunit 307 "No. Series - Sequence Impl.": numbers from a NumberSequence, without locking the line; gaps possible. */
  Sequence: 1,
} as const;

export const NO_SERIES_IMPLEMENTATION = Enum('No. Series Implementation', 'Normal,Sequence');
