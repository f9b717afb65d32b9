import { TaskSystemType } from './TaskEnums';

/**
 * The table views of the Task List (page 5096) as BC's pages open it
 * (RunPageLink / SubPageLink, bc-domain-spec §5.3): one definition each, used
 * by the UI pages, the role center parts and the API's navigation properties
 * alike. Plain data — a list means one of its values (AL `A|B`) — so a view
 * is also what a page session shows and a browser sends back as filters.
 */
export type TaskView = Record<string, string | number | boolean | (string | number)[]>;

/**
 * A code no record has, for a view that must show nothing: a control character no one types, and not
 * NUL, which no field stores and PostgreSQL cannot take even as a filter value (docs/differences.md).
 */
export const NO_SUCH_CODE = '\u0001';

export const TaskViews = {
  /** A team's tasks that no member has taken yet (Teams → Taken; `teams(…)/tasks`): the team rows, not the members' copies. */
  team(teamCode: string | string[]): TaskView {
    return { teamCode, systemToDoType: TaskSystemType.Team };
  },

  /** The open ones of the teams given (Teamtaken on the role center). No team: a code no team has, so nothing shows. */
  openOfTeams(teamCodes: string[]): TaskView {
    return { ...TaskViews.team(teamCodes.length ? teamCodes : [NO_SUCH_CODE]), closed: false };
  },

  /** A salesperson's own tasks: Salesperson Code, System To-do Type = Organizer|Salesperson Attendee. */
  salesperson(salespersonCode: string): TaskView {
    return { salespersonCode, systemToDoType: [TaskSystemType.Organizer, TaskSystemType.SalespersonAttendee] };
  },

  /** Their open ones (Mijn taken on the role center). No salesperson (a trainer): nothing shows. */
  openOfSalesperson(salespersonCode: string): TaskView {
    return { ...TaskViews.salesperson(salespersonCode || NO_SUCH_CODE), closed: false };
  },

  /**
   * The open tasks a salesperson has in hand: their own (Organizer), not their copies of their teams' tasks
   * (Team Code set), which the team's list shows. Verkopers/inkopers → Taken opens these on the Taakkaart.
   */
  inHandOfSalesperson(salespersonCode: string): TaskView {
    return { salespersonCode: salespersonCode || NO_SUCH_CODE, systemToDoType: TaskSystemType.Organizer, teamCode: '', closed: false };
  },

  /** A contact's tasks: Contact Company No. (and Contact No. for a person), System To-do Type = Organizer|Contact Attendee. */
  contact(contact: { companyNo: string; lookupContactNo: string }): TaskView {
    return {
      contactCompanyNo: contact.companyNo,
      ...(contact.lookupContactNo ? { contactNo: contact.lookupContactNo } : {}),
      systemToDoType: [TaskSystemType.Organizer, TaskSystemType.ContactAttendee],
    };
  },
};
