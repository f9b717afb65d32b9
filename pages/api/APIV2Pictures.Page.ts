import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { Customer } from '../../entities/Sales/Customer.Table';
import type { TableClass } from '../../src/runtime/Metadata';
import type { TableRecord } from '../../src/runtime/Record';
import { caption, definePage } from '../Page';
import { ApiPageDefinition, ComputedFieldDef, idField, NavigationDef } from './ApiPage';

/** Enum 5468 "Picture Entity Parent Type" (BaseApp Integration/Entity), by ordinal. */
const PICTURE_ENTITY_PARENT_TYPE = {
  name: 'pictureEntityParentType',
  members: [
    { name: 'Customer', value: 1 },
    { name: 'Item', value: 2 },
    { name: 'Vendor', value: 3 },
    { name: 'Employee', value: 4 },
    { name: 'Contact', value: 5 },
    { name: 'Item Variant', value: 6 },
  ],
} as const;

type ParentType = 'Customer' | 'Contact';

/**
 * The fields of temporary table 5468 "Picture Entity" as LoadDataWithParentType fills them for a record whose Image
 * holds no media: SetValuesFromMediaID exits on a null media id, so Width, Height and Mime Type keep their blank
 * values. The simulator keeps no images, so every picture is that one (docs/differences.md).
 */
function pictureFields<T extends TableRecord>(parentType: ParentType): ComputedFieldDef<T>[] {
  const constant = (name: string, type: ComputedFieldDef['type'], value: unknown, more: Partial<ComputedFieldDef> = {}): ComputedFieldDef<T> => ({
    name,
    type,
    ...more,
    computeRows: { reads: [], compute: async (rows) => rows.map(() => value) },
  });
  return [
    constant('parentType', 'string', parentType, { enumType: PICTURE_ENTITY_PARENT_TYPE, caption: caption('Parent Type', 'Bovenliggend type') }),
    constant('width', 'integer', 0, { caption: caption('Width', 'Breedte') }),
    constant('height', 'integer', 0, { caption: caption('Height', 'Hoogte') }),
    constant('contentType', 'string', '', { maxLength: 100, caption: caption('Mime Type', 'MIME-type') }),
    constant('pictureContent', 'stream', null, { caption: caption('Content', 'Inhoud') }),
  ];
}

/**
 * Microsoft's page 30053 "APIV2 - Pictures" (microsoft/BCApps src/Apps/W1/APIV2/app/src/pages/APIV2Pictures.Page.al,
 * temporary source table "Picture Entity", ODataKeyFields = Id) as the part `picture` of a customer or a contact
 * (SubPageLink Id = SystemId, "Parent Type" = const(…)): its Id is the parent's SystemId. One page per parent table
 * here, one `picture` entity type in $metadata. Uploading (PATCH of pictureContent) and deleting a picture are
 * Simulator_NotSupported: the simulator stores no media.
 */
function picturePage<T extends TableRecord>(table: TableClass<T>, parentType: ParentType): ApiPageDefinition<T> {
  return definePage<T>({
    name: `APIV2 - Pictures (${parentType})`,
    type: 'API',
    entityName: 'picture',
    entitySetName: 'pictures',
    table,
    insertAllowed: false,
    modifyAllowed: true,
    deleteAllowed: true,
    notSimulated: {
      PATCH: `Uploading a ${parentType.toLowerCase()} picture (Picture Entity.SavePictureWithParentType)`,
      DELETE: `Deleting a ${parentType.toLowerCase()} picture (Picture Entity.DeletePictureWithParentType)`,
    },
    fields: [idField, ...pictureFields<T>(parentType)],
  });
}

export const APIV2CustomerPictures = picturePage(Customer, 'Customer');
export const APIV2ContactPictures = picturePage(Contact, 'Contact');

/** The `picture` part of a customer or contact page: the parent record itself (Id = SystemId). */
export function pictureNavigation<T extends TableRecord & { systemId: string }>(target: () => ApiPageDefinition<any>): NavigationDef<T> {
  return {
    description: "The record's picture (APIV2 - Pictures): id, parentType, width, height, contentType; no media is kept, so 0, 0 and ''.",
    target,
    multiplicity: 'ZeroOrOne',
    link: (rec) => ({ systemId: rec.systemId }),
  };
}
