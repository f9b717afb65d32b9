import { InteractionGroup } from '../../entities/CRM/Interaction/InteractionGroup.Table';
import { InteractionTemplate } from '../../entities/CRM/Interaction/InteractionTemplate.Table';
import { Salutation } from '../../entities/CRM/Setup/Salutation.Table';
import { DutchAddress } from '../../entities/Empire/DutchAddress.Table';
import { Role } from '../../entities/Empire/Role.Table';
import { definePage } from '../Page';
import { field, idField, lastModifiedField } from './ApiPage';

/*
 * The setup lists of the process as API pages: plain tables, every field
 * editable, validated on the table like any page field.
 */

export const EmpireInteractionGroups = definePage<InteractionGroup>({
  name: 'Empire CRM - Interaction Groups',
  type: 'API',
  entityName: 'interactionGroup',
  entitySetName: 'interactionGroups',
  table: InteractionGroup,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  fields: [idField, field('code', 'code'), field('description', 'description'), lastModifiedField],
});

/** Interactiesjablonen, with Empire's popup defaults and the properties of the task a template creates. */
export const EmpireInteractionTemplates = definePage<InteractionTemplate>({
  name: 'Empire CRM - Interaction Templates',
  type: 'API',
  entityName: 'interactionTemplate',
  entitySetName: 'interactionTemplates',
  table: InteractionTemplate,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  fields: [
    idField,
    field('code', 'code'),
    field('interactionGroupCode', 'interactionGroupCode'),
    field('description', 'description'),
    field('unitCost', 'unitCostLcy'),
    field('unitDuration', 'unitDurationMin'),
    field('informationFlow', 'informationFlow'),
    field('initiatedBy', 'initiatedBy'),
    field('correspondenceTypeDefault', 'correspondenceTypeDefault'),
    field('languageCodeDefault', 'languageCodeDefault'),
    field('ignoreContactCorrespondenceType', 'ignoreContactCorresType'),
    field('showInCustomerPortal', 'showInCustomerPortal'),
    field('createTask', 'createTask'),
    field('teamCode', 'teamCode'),
    field('taskDescription', 'taskDescription'),
    field('taskType', 'taskType'),
    field('taskPriority', 'taskPriority'),
    field('taskDateFormula', 'taskDateFormula'),
    lastModifiedField,
  ],
});

export const EmpireRoles = definePage<Role>({
  name: 'Empire CRM - Roles',
  type: 'API',
  entityName: 'role',
  entitySetName: 'roles',
  table: Role,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  fields: [idField, field('code', 'code'), field('description', 'description'), lastModifiedField],
});

export const EmpireSalutations = definePage<Salutation>({
  name: 'Empire CRM - Salutations',
  type: 'API',
  entityName: 'salutation',
  entitySetName: 'salutations',
  table: Salutation,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  fields: [idField, field('code', 'code'), field('description', 'description'), lastModifiedField],
});

/** The postcode table behind the Straat lookup. */
export const EmpireDutchAddresses = definePage<DutchAddress>({
  name: 'Empire CRM - Dutch Addresses',
  type: 'API',
  entityName: 'dutchAddress',
  entitySetName: 'dutchAddresses',
  table: DutchAddress,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  fields: [
    idField,
    field('postalCode', 'postCode'),
    field('houseNumber', 'houseNo'),
    field('houseLetter', 'houseLetter'),
    field('houseNumberAddition', 'houseNoAddition'),
    field('street', 'street'),
    field('city', 'city'),
    field('municipality', 'municipality'),
    field('province', 'province'),
    lastModifiedField,
  ],
});
