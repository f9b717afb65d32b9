import { Enum, Option } from '../../../src/runtime/Metadata';

/** Option ' ,Outbound,Inbound' (ILE field 6, template field 6). */
export enum InformationFlow {
  Blank = 0,
  Outbound = 1,
  Inbound = 2,
}

/** Option ' ,Us,Them' (ILE field 7, template field 7). */
export enum InitiatedBy {
  Blank = 0,
  Us = 1,
  Them = 2,
}

export const INFORMATION_FLOW = Option(' ,Outbound,Inbound', ' ,Uitgaand,Inkomend');
export const INITIATED_BY = Option(' ,Us,Them', ' ,Wij,Zij');
/** Enum 5082 "Interaction Template Wizard Action". */
export const WIZARD_ACTION = Enum('Interaction Template Wizard Action', ' ,Open,Import,Merge');
/** Enum 5078 "Interaction Evaluation". */
export const EVALUATION = Enum('Interaction Evaluation', ' ,Very Positive,Positive,Neutral,Negative,Very Negative');
