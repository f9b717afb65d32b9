import { Customer } from '../../entities/Sales/Customer.Table';
import { definePage } from '../Page';
import { defineLabels, Label } from '../../src/runtime/Labels';
import { ApiTableFieldDef, ComputedFieldDef, field, idField, lastModifiedField, pageError, requiredDisplayName } from './ApiPage';
import { APIV2CustFinancialDetails } from './APIV2CustFinancialDetails.Page';
import { APIV2CustomerPictures, pictureNavigation } from './APIV2Pictures.Page';

/** Labels of page 30009 "APIV2 - Customers", verbatim. */
export const APIV2CustomersLabels = defineLabels('APIV2 - Customers', {
  NotProvidedCustomerNameErr: 'A "displayName" must be provided.',
  BlankCustomerNameErr: 'The blank "displayName" is not allowed.',
  CurrencyIdDoesNotMatchACurrencyErr: 'The "currencyId" does not match to a Currency.',
  CurrencyCodeDoesNotMatchACurrencyErr: 'The "currencyCode" does not match to a Currency.',
  PaymentTermsIdDoesNotMatchAPaymentTermsErr: 'The "paymentTermsId" does not match to a Payment Terms.',
  ShipmentMethodIdDoesNotMatchAShipmentMethodErr: 'The "shipmentMethodId" does not match to a Shipment Method.',
  PaymentMethodIdDoesNotMatchAPaymentMethodErr: 'The "paymentMethodId" does not match to a Payment Method.',
});

/** The displayName rules, shared with the Empire customers page that extends this one. */
export const displayName = requiredDisplayName<Customer>({
  notProvided: APIV2CustomersLabels.NotProvidedCustomerNameErr,
  blank: APIV2CustomersLabels.BlankCustomerNameErr,
});

/**
 * A `*Id` field that the page resolves with `GetBySystemId` on a table the simulator does not have
 * (Currency, Payment Terms, Shipment Method, Payment Method): no record can match, so the empty GUID is
 * the only value BC would accept here, and any other gets the page's own "does not match" error.
 */
function idOfMissingTable(
  name: string,
  source: keyof Customer & string,
  notFound: Label,
  pageVariable?: ApiTableFieldDef['pageVariable'],
): ApiTableFieldDef<Customer> {
  return field<Customer>(name, source, { pageVariable, onValidate: (rec, session) => (rec[source] === '' ? undefined : pageError(session, notFound)) });
}

/**
 * Page variables BC computes in OnAfterGetRecord from data the simulator does not keep: the values BC shows
 * for a customer without ledger entries and without a tax area (docs/differences.md).
 */
const balanceDue: ComputedFieldDef<Customer> = { name: 'balanceDue', type: 'number', computeRows: { reads: [], compute: async (rows) => rows.map(() => 0) } };
const taxAreaDisplayName: ComputedFieldDef<Customer> = {
  name: 'taxAreaDisplayName',
  type: 'string',
  computeRows: { reads: [], compute: async (rows) => rows.map(() => '') },
};

/**
 * BC API v2.0's customer properties in page order (APIV2Customers.Page.al, app 29.0); the Empire customers
 * page adds its own. `currencyCode` is BC's page variable over "Currency Code": a blank code is shown as
 * General Ledger Setup's LCY Code, which the simulator does not have (blank), so it shows the field itself.
 */
export const customerFields = [
  idField,
  field('number', 'no'),
  displayName.control,
  field('type', 'contactType'),
  field('addressLine1', 'address'),
  field('addressLine2', 'address2'),
  field('city', 'city'),
  field('state', 'county'),
  field('country', 'countryRegionCode'),
  field('postalCode', 'postCode'),
  field('phoneNumber', 'phoneNo'),
  field('email', 'eMail'),
  field('website', 'homePage'),
  field('salespersonCode', 'salespersonCode'),
  balanceDue,
  field('creditLimit', 'creditLimitLcy'),
  field('taxLiable', 'taxLiable'),
  field('taxAreaId', 'taxAreaId'),
  taxAreaDisplayName,
  // BC's page variable TaxRegistrationNumber (Text[50]) writes "VAT Registration No." (Text[20]).
  field('taxRegistrationNumber', 'vatRegistrationNo', { pageVariable: { length: 50 } }),
  idOfMissingTable('currencyId', 'currencyId', APIV2CustomersLabels.CurrencyIdDoesNotMatchACurrencyErr),
  // Page variable CurrencyCodeTxt: an unbounded Text.
  idOfMissingTable('currencyCode', 'currencyCode', APIV2CustomersLabels.CurrencyCodeDoesNotMatchACurrencyErr, {}),
  idOfMissingTable('paymentTermsId', 'paymentTermsId', APIV2CustomersLabels.PaymentTermsIdDoesNotMatchAPaymentTermsErr),
  idOfMissingTable('shipmentMethodId', 'shipmentMethodId', APIV2CustomersLabels.ShipmentMethodIdDoesNotMatchAShipmentMethodErr),
  idOfMissingTable('paymentMethodId', 'paymentMethodId', APIV2CustomersLabels.PaymentMethodIdDoesNotMatchAPaymentMethodErr),
  field('blocked', 'blocked'),
];

/**
 * Microsoft's API v2.0 `customers` (page 30009 "APIV2 - Customers",
 * microsoft/BCApps src/Apps/W1/APIV2/app/src/pages/APIV2Customers.Page.al).
 */
export const APIV2Customers = definePage<Customer>({
  name: 'APIV2 - Customers',
  type: 'API',
  entityName: 'customer',
  entitySetName: 'customers',
  table: Customer,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  onInsertRecord: displayName.onInsertRecord,
  fields: [...customerFields, lastModifiedField],
  // The page's parts in page order.
  navigation: {
    customerFinancialDetails: {
      description: "The customer's balances (APIV2 - Cust Financial Details): 0 without ledger entries.",
      target: () => APIV2CustFinancialDetails,
      multiplicity: 'ZeroOrOne',
      link: (c) => ({ systemId: c.systemId }),
    },
    picture: pictureNavigation(() => APIV2CustomerPictures),
  },
  // Parts over tables the simulator does not have (docs/differences.md).
  notSimulatedNavigation: {
    defaultDimensions: "A customer's default dimensions (APIV2 - Default Dimensions over table 352 Default Dimension)",
    agedAccountsReceivable: "A customer's aged accounts receivable (APIV2 - Aged AR over Cust. Ledger Entry)",
    contactsInformation: "A customer's contacts information (APIV2 - Contacts Information over Contact Business Relation)",
    documentAttachments: "A customer's document attachments (APIV2 - Document Attachments over table 1173 Document Attachment)",
  },
});
