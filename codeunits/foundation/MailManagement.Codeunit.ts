import { defineLabels } from '../../src/runtime/Labels';
import { Session } from '../../src/runtime/Session';

/** Codeunit 9520 "Mail Management": the e-mail address check the Contact's E-Mail validation runs. */
export const MailManagementLabels = defineLabels('Mail Management', {
  InvalidEmailAddressErr: { text: 'The email address "%1" is not valid.', comment: '%1 - Recipient email address' },
});

/**
 * Mail Management.CheckValidEmailAddresses: addresses separated by `;`, each
 * one trimmed, with exactly one `@`, and accepted by .NET's MailAddress
 * (EmailAccount.ValidateEmailAddress): a dot-atom on both sides of the `@`.
 */
export function checkValidEmailAddresses(session: Session, recipients: string): void {
  if (recipients === '') session.error(MailManagementLabels.InvalidEmailAddressErr, recipients);
  let rest = recipients.replace(/^;+|;+$/g, '');
  let at = rest.indexOf(';');
  while (at > 0) {
    checkValidEmailAddress(session, rest.slice(0, at));
    rest = rest.slice(at + 1);
    at = rest.indexOf(';');
  }
  checkValidEmailAddress(session, rest);
}

const DOT_ATOM = /^[^\s@"(),:;<>[\]\\.\p{Cc}]+(\.[^\s@"(),:;<>[\]\\.\p{Cc}]+)*$/u;

function checkValidEmailAddress(session: Session, address: string): void {
  const email = address.trim();
  const parts = email.split('@');
  if (parts.length !== 2 || !DOT_ATOM.test(parts[0]) || !DOT_ATOM.test(parts[1])) {
    session.error(MailManagementLabels.InvalidEmailAddressErr, email);
  }
}
