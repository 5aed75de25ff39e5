/** The console's view of one application (`…/console/#/applications/<ref>`; sign-in returns to it), for notices. */
export function consoleLink(consoleUrl: string, reference: string): string {
  return `${consoleUrl.endsWith('/') ? consoleUrl : `${consoleUrl}/`}#/applications/${encodeURIComponent(reference)}`;
}
