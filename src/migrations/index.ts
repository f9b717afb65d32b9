// Written by `npm run migration:generate` (src/db/tools/migrations.ts): the migrations in version order.
import { SystemInitialSchema1795398080611 } from './system/1795398080611-InitialSchema';
import { CompanyInitialSchema1795398080611 } from './company/1795398080611-InitialSchema';

export const systemMigrations: Function[] = [SystemInitialSchema1795398080611];
export const companyMigrations: Function[] = [CompanyInitialSchema1795398080611];
