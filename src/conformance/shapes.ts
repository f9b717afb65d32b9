/**
 * The entity shapes BC serves, property by property, with the JSON kind of each value. From
 * Microsoft's API pages in microsoft/BCApps (src/Apps/W1/APIV2/app/src/pages/APIV2Contacts.Page.al,
 * APIV2Customers.Page.al, APIV2SalespersonPurchaser.Page.al; APIV2 app 29.0) and, for `company`
 * (served by the platform, no AL page), the v2.0 API reference dynamics_company.md; transcribed in
 * shared/reference/bc-api-v2-entities.md §1–3. `@odata.*` annotations are not properties.
 */
export type ValueKind = 'guid' | 'string' | 'number' | 'boolean' | 'date' | 'datetime';

export type Shape = Record<string, ValueKind>;

export const CONTACT: Shape = {
  id: 'guid',
  number: 'string',
  type: 'string',
  displayName: 'string',
  jobTitle: 'string',
  companyNumber: 'string',
  companyName: 'string',
  contactBusinessRelation: 'string',
  addressLine1: 'string',
  addressLine2: 'string',
  city: 'string',
  state: 'string',
  country: 'string',
  postalCode: 'string',
  phoneNumber: 'string',
  mobilePhoneNumber: 'string',
  email: 'string',
  website: 'string',
  searchName: 'string',
  privacyBlocked: 'boolean',
  taxRegistrationNumber: 'string',
  lastInteractionDate: 'date',
  lastModifiedDateTime: 'datetime',
};

export const CUSTOMER: Shape = {
  id: 'guid',
  number: 'string',
  displayName: 'string',
  type: 'string',
  addressLine1: 'string',
  addressLine2: 'string',
  city: 'string',
  state: 'string',
  country: 'string',
  postalCode: 'string',
  phoneNumber: 'string',
  email: 'string',
  website: 'string',
  salespersonCode: 'string',
  balanceDue: 'number',
  creditLimit: 'number',
  taxLiable: 'boolean',
  taxAreaId: 'guid',
  taxAreaDisplayName: 'string',
  taxRegistrationNumber: 'string',
  currencyId: 'guid',
  currencyCode: 'string',
  paymentTermsId: 'guid',
  shipmentMethodId: 'guid',
  paymentMethodId: 'guid',
  blocked: 'string',
  lastModifiedDateTime: 'datetime',
};

export const SALESPERSON_PURCHASER: Shape = {
  id: 'guid',
  code: 'string',
  displayName: 'string',
  email: 'string',
  email2: 'string',
  phoneNo: 'string',
  jobTitle: 'string',
  commisionPercent: 'number',
  privacyBlocked: 'boolean',
  blocked: 'boolean',
  lastModifiedDateTime: 'datetime',
};

export const COMPANY: Shape = {
  id: 'guid',
  systemVersion: 'string',
  timestamp: 'number',
  name: 'string',
  displayName: 'string',
  businessProfileId: 'string',
  systemCreatedAt: 'datetime',
  systemCreatedBy: 'guid',
  systemModifiedAt: 'datetime',
  systemModifiedBy: 'guid',
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function hasKind(value: unknown, kind: ValueKind): boolean {
  switch (kind) {
    case 'guid':
      return typeof value === 'string' && GUID.test(value);
    case 'date':
      return typeof value === 'string' && DATE.test(value);
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
  }
}

/** What differs between an entity as served and BC's shape; empty when they agree. */
export function shapeDifferences(entity: Record<string, unknown>, shape: Shape): string[] {
  const served = Object.keys(entity).filter((k) => !k.startsWith('@'));
  const out: string[] = [];
  const missing = Object.keys(shape).filter((k) => !served.includes(k));
  const extra = served.filter((k) => !(k in shape));
  if (missing.length) out.push(`missing ${missing.join(', ')}`);
  if (extra.length) out.push(`not in BC ${extra.join(', ')}`);
  for (const [name, kind] of Object.entries(shape)) {
    if (name in entity && !hasKind(entity[name], kind)) out.push(`${name} is ${JSON.stringify(entity[name])}, not a ${kind}`);
  }
  return out;
}
