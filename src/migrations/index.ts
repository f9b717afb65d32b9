// Written by `npm run migration:generate` (src/db/tools/migrations.ts): the migrations in version order.
import { SystemInitialSchema1795401459997 } from './system/1795401459997-InitialSchema';
import { SystemAccessControl1796198664022 } from './system/1796198664022-AccessControl';
import { SystemApiWebhookSubscription1796199954424 } from './system/1796199954424-ApiWebhookSubscription';
import { SystemCompanySystemCreatedBy1796203061029 } from './system/1796203061029-CompanySystemCreatedBy';
import { SystemCompanyCaptionSet1796209218164 } from './system/1796209218164-CompanyCaptionSet';
import { SystemTrainingClasses1796209759456 } from './system/1796209759456-TrainingClasses';
import { CompanyInitialSchema1795401459997 } from './company/1795401459997-InitialSchema';
import { CompanyDataPathKeys1796182393440 } from './company/1796182393440-DataPathKeys';
import { CompanyApiTaskListKey1796190019465 } from './company/1796190019465-ApiTaskListKey';
import { CompanyContactHomePage1796199403238 } from './company/1796199403238-ContactHomePage';
import { CompanyCustomerApiFields1796202253846 } from './company/1796202253846-CustomerApiFields';
import { CompanyNoSeriesLineSequence1796224256264 } from './company/1796224256264-NoSeriesLineSequence';

export const systemMigrations: Function[] = [SystemInitialSchema1795401459997, SystemAccessControl1796198664022, SystemApiWebhookSubscription1796199954424, SystemCompanySystemCreatedBy1796203061029, SystemCompanyCaptionSet1796209218164, SystemTrainingClasses1796209759456];
export const companyMigrations: Function[] = [CompanyInitialSchema1795401459997, CompanyDataPathKeys1796182393440, CompanyApiTaskListKey1796190019465, CompanyContactHomePage1796199403238, CompanyCustomerApiFields1796202253846, CompanyNoSeriesLineSequence1796224256264];
