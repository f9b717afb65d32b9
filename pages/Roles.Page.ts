import { Role } from '../entities/Empire/Role.Table';
import { caption, definePage } from './Page';

/**
 * Empire's Rollen page, opened by "Nieuw persoon voor huishouden/bedrijf":
 * select the role (a line) and OK. Runs as the modal the EmpireContact
 * codeunit raises (page name 'Roles'); the selected line is its answer.
 */
export const Roles = definePage<Role>({
  id: 7000000,
  name: 'Roles',
  caption: caption('Roles', 'Rollen'),
  type: 'List',
  table: Role,
  editable: false,
  insertAllowed: false,
  modifyAllowed: false,
  deleteAllowed: false,
  modalFor: 'Roles',
  description: 'Pick the role of a new person in a household (CONTRACT, MEDECONTR, ...).',
  modalResult: (_values, selected) => ({ roleCode: selected?.code ?? '', showFirst: false }),
  columns: [
    { name: 'Code', source: 'code', caption: caption('Code', 'Rolcode') },
    { name: 'Description', source: 'description' },
  ],
});
