import { msg, str } from '@lit/localize';
import { getLocale } from '../../i18n/localize.js';
import { isOpen311Error, listedErrors } from '../../open311/errors.js';
import { characterCountText } from '../../i18n/character-count.js';

/** The longest update a resident can send (the server may allow more; a phone keyboard should not). */
export const UPDATE_LIMIT = 2000;

/** "You have N characters remaining / too many" for the update box (the form's wording and ids). */
export function updateCountText(length: number): string {
  return characterCountText(UPDATE_LIMIT, length);
}

/** The message for an update's text, or undefined when it can be sent. */
export function updateTextError(text: string): string | undefined {
  if (!text.trim()) return msg('Enter your update', { id: 'tracker.enter-your-update' });
  if (text.length > UPDATE_LIMIT) return msg(str`Your update must be ${new Intl.NumberFormat(getLocale()).format(UPDATE_LIMIT)} characters or fewer`, { id: 'tracker.your-update-must-be-characters-or' });
  return undefined;
}

/** The message for the optional email, or undefined when it is empty or looks like an address. */
export function updateEmailError(email: string): string | undefined {
  const value = email.trim();
  if (!value || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return undefined;
  return msg('Enter an email address in the correct format, like name@example.com', { id: 'form.enter-email-address-in-correct-format' });
}

/** Why sending failed, in the server's own words when it gave any (rendered as text). */
export function updateFailure(error: unknown): string {
  if (isOpen311Error(error)) {
    // Only an Open311 error list is the council's words; an error page or proxy text is not (issue 22).
    const words = error.status !== undefined && error.status < 500 ? listedErrors(error).map((e) => e.description.trim()).join(' ') : '';
    if (words) return msg(str`The council's system did not accept your update: ${words}`, { id: 'tracker.councils-system-did-not-accept-your' });
    if (error.transient || error.kind === 'network') return msg("We could not reach the council's system. Check your connection and try again.", { id: 'tracker.we-could-not-reach-councils-system' });
  }
  return msg("Sorry, the council's system could not take your update just now. Try again in a few minutes.", { id: 'tracker.sorry-councils-system-could-not-take' });
}
