import { defineLabels } from '../../../src/runtime/Labels';

/** Labels of table 5080 "To-do" ([US24] CRM/Task/Todo.Table.al), verbatim. */
export const TodoLabels = defineLabels('To-do', {
  Text004: 'Do you want to register an Interaction Log Entry?',
  Text006: {
    text: 'The valid range of dates is from %1 to %2. Please enter a date within this range.',
    comment: '%1 = first date, %2 = last date',
  },
  Text009: "You cannot change the %1 for this Task, because this salesperson is the meeting organizer.",
  Text012:
    'You cannot change a Task type from Blank or Phone Call to Meeting and vice versa. You can only change a Task type from Blank to Phone Call or from Phone Call to Blank.',
  Text029: { text: 'The %1 field must be filled in for Tasks assigned to a team.', comment: '%1 = Completed By' },
  Text032: {
    text: 'Task No. %1 will be reassigned to %2 and the corresponding salesperson Tasks for team members will be deleted. Do you want to continue?',
    comment: '%1 = Task No., %2 = Salesperson Code',
  },
  Text033: 'Task No. %1 will be reassigned to %2. Do you want to continue?',
  Text034: 'Do you want to close the Task?',
  Text035: { text: 'You must fill in either the %1 field or the %2 field.', comment: '%1 = Salesperson Code, %2 = Team Code' },
  Text039:
    'Task No. %1 is closed and will be reopened. The Tasks of the %2 team members who do not belong to the %3 team will be deleted. Do you want to continue?',
  Text040:
    'Task No. %1 is closed and will be reopened. It will be reassigned to %2, and the corresponding salesperson Tasks for team members will be deleted. Do you want to continue?',
  Text041: 'Task No. %1 is closed. It will be reopened and reassigned to %2. Do you want to continue?',
  Text042: 'Task No. %1 is closed. Do you want to reopen it and assign to the %2 team?',
  TasksWillBeDeletedQst: {
    text: 'Tasks of the %1 team members who do not belong to the %2 team will be deleted. Do you want to continue?',
    comment: '%1 = old team code, %2 = new team code',
  },
  MeetingSaaSNotSupportedErr: "You cannot create a task of type Meeting because you're not using an on-premises deployment.",
});

/** Empire's texts for taking a team task (not public; written for the simulator). */
export const EmpireTaskLabels = defineLabels('Empire Task', {
  TaskAlreadyTakenErr: {
    text: 'Task %1 is no longer a task of a team: it has been taken by %2.',
    nl: 'Taak %1 is geen teamtaak meer: %2 heeft de taak in behandeling genomen.',
    comment: '%1 = Task No., %2 = Salesperson Code',
    simulatorAuthored: true,
  },
  NotATeamTaskErr: {
    text: 'Task %1 is a copy of team task %2 for one team member. Open the team task to take it.',
    nl: 'Taak %1 is de kopie van teamtaak %2 voor één teamlid. Open de teamtaak om die in behandeling te nemen.',
    comment: '%1 = Task No., %2 = Organizer Task No.',
    simulatorAuthored: true,
  },
});
