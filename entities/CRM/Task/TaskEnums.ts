import { Enum, Option } from '../../../src/runtime/Metadata';

/** Enum 5080 "Task Type". */
export enum TaskType {
  Blank = 0,
  Meeting = 1,
  PhoneCall = 2,
}

/** Enum 5081 "Task Status". Empire's instructions say In uitvoering and Afgerond. */
export enum TaskStatus {
  NotStarted = 0,
  InProgress = 1,
  Completed = 2,
  Waiting = 3,
  Postponed = 4,
}

export enum TaskPriority {
  Low = 0,
  Normal = 1,
  High = 2,
}

/** Field 45 "System To-do Type" (caption System Task Type). */
export enum TaskSystemType {
  Organizer = 0,
  SalespersonAttendee = 1,
  ContactAttendee = 2,
  Team = 3,
}

export const TASK_TYPE = Enum('Task Type', ' ,Meeting,Phone Call', ' ,Vergadering,Telefoongesprek');
export const TASK_STATUS = Enum('Task Status', 
  'Not Started,In Progress,Completed,Waiting,Postponed',
  'Niet gestart,In uitvoering,Afgerond,Wachten,Uitgesteld',
);
export const TASK_PRIORITY = Option('Low,Normal,High', 'Laag,Normaal,Hoog');
export const TASK_SYSTEM_TYPE = Option('Organizer,Salesperson Attendee,Contact Attendee,Team');
