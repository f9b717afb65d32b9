// The API groups are listed in the one page registry (pages/index.ts); this path stays for the modules that import it.
export { apiGroups, empireCrmApi, standardApi } from '../index';
export type { ApiGroup, ApiPageDefinition } from './ApiPage';
