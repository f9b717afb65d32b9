import { In } from 'typeorm';
import { TeamSalesperson } from '../../entities/CRM/Team/TeamSalesperson.Table';
import { UserSetup } from '../../entities/System/UserSetup.Table';
import type { Session } from '../runtime/Session';

/**
 * "Myself" for a page: the user's salesperson in User Setup (Medewerker), as
 * BC's role centers and the API's assignToMe find it. '' when the user has none
 * (a trainer): the parts then show nothing instead of everybody's tasks.
 */
export async function mySalespersonCode(session: Session): Promise<string> {
  const setup = await session.tryGet(UserSetup, session.userId);
  return setup?.salespersPurchCode ?? '';
}

/** The teams the user's salesperson belongs to (Teamtaken on the role center). */
export async function myTeamCodes(session: Session): Promise<string[]> {
  const me = await mySalespersonCode(session);
  if (me === '') return [];
  return (await session.find(TeamSalesperson, { salespersonCode: me })).map((t) => t.teamCode);
}

/** A filter value of an OpenRequest: a list means "one of" (AL `A|B`). */
export function filterValue(v: unknown): unknown {
  return Array.isArray(v) ? In(v) : v;
}
