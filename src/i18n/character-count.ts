import { msg, str } from '@lit/localize';
import { getLocale } from './localize.js';

/**
 * "You have N characters remaining" or "You have N characters too many", for a text box that holds
 * at most `limit` characters and now holds `length`. One `msg()` id per plural category (Welsh has
 * six: zero, one, two, few, many, other), so translators (and councils, through `strings`) can word
 * every form. Shared by the report form's description and the tracker's follow-up update.
 */
export function characterCountText(limit: number, length: number): string {
  const left = limit - length;
  const count = Math.abs(left);
  const n = new Intl.NumberFormat(getLocale()).format(count);
  const category = new Intl.PluralRules(getLocale()).select(count);
  if (left >= 0) {
    switch (category) {
      case 'zero':
        return msg(str`You have ${n} characters remaining`, { id: 'form.count.left.zero' });
      case 'one':
        return msg(str`You have ${n} character remaining`, { id: 'form.count.left.one' });
      case 'two':
        return msg(str`You have ${n} characters remaining`, { id: 'form.count.left.two' });
      case 'few':
        return msg(str`You have ${n} characters remaining`, { id: 'form.count.left.few' });
      case 'many':
        return msg(str`You have ${n} characters remaining`, { id: 'form.count.left.many' });
      default:
        return msg(str`You have ${n} characters remaining`, { id: 'form.count.left.other' });
    }
  }
  switch (category) {
    case 'zero':
      return msg(str`You have ${n} characters too many`, { id: 'form.count.over.zero' });
    case 'one':
      return msg(str`You have ${n} character too many`, { id: 'form.count.over.one' });
    case 'two':
      return msg(str`You have ${n} characters too many`, { id: 'form.count.over.two' });
    case 'few':
      return msg(str`You have ${n} characters too many`, { id: 'form.count.over.few' });
    case 'many':
      return msg(str`You have ${n} characters too many`, { id: 'form.count.over.many' });
    default:
      return msg(str`You have ${n} characters too many`, { id: 'form.count.over.other' });
  }
}
