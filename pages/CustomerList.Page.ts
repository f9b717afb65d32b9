import { Customer } from '../entities/Sales/Customer.Table';
import { caption, definePage } from './Page';
import { CustomerCard } from './CustomerCard.Page';

/** Page 22 "Customer List" (Klanten): Empire's tenants. Customers are made by another process, so no + Nieuw. */
export const CustomerList = definePage<Customer>({
  id: 22,
  name: 'Customer List',
  caption: caption('Customers', 'Klanten'),
  type: 'List',
  table: Customer,
  cardPage: () => CustomerCard,
  insertAllowed: false,
  modifyAllowed: false,
  deleteAllowed: false,
  editable: false,
  searchable: true,
  keywords: ['Huurders'],
  description: 'The tenants (klanten). A klant is created by "Effectueren huurovereenkomst", not here.',
  columns: [
    { name: 'No.', source: 'no', drillDown: true },
    { name: 'Name', source: 'name' },
    { name: 'Address', source: 'address' },
    { name: 'Post Code', source: 'postCode' },
    { name: 'City', source: 'city' },
    { name: 'Phone No.', source: 'phoneNo' },
    { name: 'Contact', source: 'contact' },
  ],
});
