/**
 * The table views of the Interaction Log Entries list (page 5076) as BC's
 * cards open it, one definition each for the UI pages and the API's
 * navigation properties (plain data, as entities/CRM/Task/TaskViews.ts).
 */
export type InteractionLogEntryView = Record<string, string>;

export const InteractionLogEntryViews = {
  /**
   * A contact's entries, the Contact Card's RunPageLink: Contact Company No. = Company No., and Contact No. =
   * Lookup Contact No. for a person; a household (company contact) shows all its people's.
   */
  contact(contact: { companyNo: string; lookupContactNo: string }): InteractionLogEntryView {
    const view: InteractionLogEntryView = { contactCompanyNo: contact.companyNo };
    if (contact.lookupContactNo) view.contactNo = contact.lookupContactNo;
    return view;
  },
};

/** What the tenant sees on Empire's klantportaal: only the contact moments with Toon in klantportaal (field 7000001). */
export const CUSTOMER_PORTAL_VIEW = { showInCustomerPortal: true } as const;
