import { ContactRole } from '../../entities/Empire/ContactRole.Table';
import { definePage } from '../Page';
import { field, idField, lastModifiedField } from './ApiPage';

/** Empire's Rollen: a person's role in a household/company. */
export const EmpireContactRoles = definePage<ContactRole>({
  name: 'Empire CRM - Contact Roles',
  type: 'API',
  entityName: 'contactRole',
  entitySetName: 'contactRoles',
  table: ContactRole,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  fields: [
    idField,
    field('householdContactNumber', 'householdContactNo'),
    field('personContactNumber', 'personContactNo'),
    field('roleCode', 'roleCode'),
    field('showFirst', 'showFirst'),
    field('startingDate', 'startingDate'),
    field('endingDate', 'endingDate'),
    lastModifiedField,
  ],
});
