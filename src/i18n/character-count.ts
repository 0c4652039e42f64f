import { msg, str } from '@lit/localize';
import { formatCount, plural } from './plural.js';

/**
 * "You have N characters remaining" or "You have N characters too many", for a text box that holds
 * at most `limit` characters and now holds `length`. One `msg()` id per plural category (Welsh has
 * six: zero, one, two, few, many, other), so translators (and councils, through `strings`) can word
 * every form. Shared by the report form's description and the tracker's follow-up update.
 */
export function characterCountText(limit: number, length: number): string {
  const left = limit - length;
  const count = Math.abs(left);
  const n = formatCount(count);
  if (left >= 0) {
    return plural(count, {
      zero: () => msg(str`You have ${n} characters remaining`, { id: 'form.count.left.zero' }),
      one: () => msg(str`You have ${n} character remaining`, { id: 'form.count.left.one' }),
      two: () => msg(str`You have ${n} characters remaining`, { id: 'form.count.left.two' }),
      few: () => msg(str`You have ${n} characters remaining`, { id: 'form.count.left.few' }),
      many: () => msg(str`You have ${n} characters remaining`, { id: 'form.count.left.many' }),
      other: () => msg(str`You have ${n} characters remaining`, { id: 'form.count.left.other' }),
    });
  }
  return plural(count, {
    zero: () => msg(str`You have ${n} characters too many`, { id: 'form.count.over.zero' }),
    one: () => msg(str`You have ${n} character too many`, { id: 'form.count.over.one' }),
    two: () => msg(str`You have ${n} characters too many`, { id: 'form.count.over.two' }),
    few: () => msg(str`You have ${n} characters too many`, { id: 'form.count.over.few' }),
    many: () => msg(str`You have ${n} characters too many`, { id: 'form.count.over.many' }),
    other: () => msg(str`You have ${n} characters too many`, { id: 'form.count.over.other' }),
  });
}
