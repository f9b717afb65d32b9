/** BC online's largest page (bc-api.md §1.4; on-premises ODataServicesMaxPageSize defaults to 1,000). */
export const DEFAULT_MAX_PAGE_SIZE = 20_000;

/** BC's limit of operations in one $batch (bc-api.md §1.7). */
export const MAX_BATCH_OPERATIONS = 100;
