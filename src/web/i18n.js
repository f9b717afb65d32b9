// The client's own words (the pages' captions and the system's messages come from the server, in the same language).
const TEXTS = {
  'nl-NL': {
    appName: 'Dynamics Empire', training: 'Oefenomgeving', login: 'Aanmelden', logout: 'Afmelden', user: 'Gebruiker',
    password: 'Wachtwoord (webservicetoegangssleutel)', passwordHint: 'Demo: demo- + gebruikersnaam in kleine letters, bv. demo-anne',
    loginFailed: 'Aanmelden is mislukt: controleer gebruiker en wachtwoord.', tellMe: 'Vertel me wat u wilt doen',
    tellMeTitle: 'Vertel me', noResults: 'Geen pagina gevonden.', close: 'Sluiten', back: 'Terug', yes: 'Ja', no: 'Nee', ok: 'OK',
    cancel: 'Annuleren', new: 'Nieuw', process: 'Verwerken', navigate: 'Navigeren', actions: 'Acties', home: 'Start',
    filter: 'Filteren', filters: 'Filters', search: 'Zoeken', rows: 'regels', noRows: 'Er is niets om weer te geven in deze weergave.',
    showMore: 'Meer weergeven', showLess: 'Minder weergeven', error: 'Fout', message: 'Bericht', language: 'English',
    languageTitle: 'Taal wijzigen', expired: 'De sessie is verlopen. Open de pagina opnieuw.', roleCenter: 'Rolcentrum',
    select: 'Kies…', busy: 'Bezig…', previous: 'Vorige', next: 'Volgende', of: 'van', searchAll: 'Zoeken',
    filterPane: 'Filtervenster', addFilter: 'Filter toevoegen', lookupTitle: 'Waarde kiezen', code: 'Code', description: 'Omschrijving', console: 'Trainersconsole',
  },
  'en-US': {
    appName: 'Dynamics Empire', training: 'Training environment', login: 'Sign in', logout: 'Sign out', user: 'User',
    password: 'Password (web service access key)', passwordHint: 'Demo: demo- + user name in lower case, e.g. demo-anne',
    loginFailed: 'Sign-in failed: check user and password.', tellMe: 'Tell me what you want to do', tellMeTitle: 'Tell me',
    noResults: 'No page found.', close: 'Close', back: 'Back', yes: 'Yes', no: 'No', ok: 'OK', cancel: 'Cancel', new: 'New',
    process: 'Process', navigate: 'Navigate', actions: 'Actions', home: 'Home', filter: 'Filter', filters: 'Filters', search: 'Search',
    rows: 'lines', noRows: 'There is nothing to show in this view.', showMore: 'Show more', showLess: 'Show less', error: 'Error',
    message: 'Message', language: 'Nederlands', languageTitle: 'Change language', expired: 'The session expired. Open the page again.',
    roleCenter: 'Role Center', select: 'Choose…', busy: 'Working…', previous: 'Previous', next: 'Next', of: 'of', searchAll: 'Search',
    filterPane: 'Filter pane', addFilter: 'Add filter', lookupTitle: 'Select a value', code: 'Code', description: 'Description', console: "Trainer's console",
  },
};

export function t(lang, key) {
  return (TEXTS[lang] ?? TEXTS['nl-NL'])[key] ?? key;
}
