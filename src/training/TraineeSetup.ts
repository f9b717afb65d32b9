import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { SalespersonPurchaser } from '../../entities/CRM/Team/SalespersonPurchaser.Table';
import { TeamSalesperson } from '../../entities/CRM/Team/TeamSalesperson.Table';
import { UserSetup } from '../../entities/System/UserSetup.Table';
import type { Session } from '../runtime/Session';

export interface TraineeEmployee {
  userName: string;
  fullName: string;
  salespersonCode: string;
  teams: string[];
}

/**
 * What a trainee needs in their own company to work as an employee, made as the demo's employees are
 * (src/seed/demo.ts, employees): their Salesperson/Purchaser (Medewerker), User Setup linking their user to
 * it ("uzelf" in the process), and membership of their teams, each through the table's own insert and
 * validation — an unknown team is the Team Code's table-relation error. Returns the baseline: the highest
 * Contact No. now, after which the trainee's own contacts are numbered.
 */
export async function setUpTrainee(s: Session, employee: TraineeEmployee): Promise<string> {
  const sp = s.create(SalespersonPurchaser);
  sp.code = employee.salespersonCode;
  await sp.validate('name', employee.fullName);
  await sp.validate('jobTitle', 'Cursist');
  await sp.insert(true);

  const us = s.create(UserSetup);
  us.userId = employee.userName;
  await us.validate('salespersPurchCode', employee.salespersonCode);
  await us.insert(true);

  for (const teamCode of employee.teams) {
    const member = s.create(TeamSalesperson);
    await member.validate('teamCode', teamCode);
    await member.validate('salespersonCode', employee.salespersonCode);
    await member.insert(true);
  }
  return (await s.findFirst(Contact, {}, { no: 'DESC' }))?.no ?? '';
}
