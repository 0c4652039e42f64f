import type { Service, ServiceDefinition } from '../../open311/models.js';

/**
 * Decides whether a service is urgent, so that `<open311-report>` repeats the urgent-danger notice
 * ("If there is a danger to life, call 999…") on its details step (issue 11).
 *
 * GeoReport v2 has no urgency flag, so the rule reads the places where real servers say it:
 * - the council lists the service's code in `urgent-services` (comma-separated; codes may hold spaces,
 *   such as `BIN OVERFLOW`, open311.md §3);
 * - the service list gives it the keyword `urgent` or `emergency` (a whole keyword, as FixMyStreet's
 *   flags `staff`, `inactive`, `private` are, so "emergency lighting" does not count);
 * - one of its groups is named for it ("Emergencies", "Urgent problems");
 * - its definition carries an informational attribute (`variable` false) whose code is `emergency` or
 *   `urgent`: FixMyStreet's Northamptonshire emergency categories carry an `emergency` field and the
 *   site warns on it (mysociety/fixmystreet#2446).
 * Not urgent: a question (`variable` true) such as "Is anyone in danger?" (its answer is what matters),
 * and a notice with a longer code such as the local server's `EMERGENCY_NOTICE` on Pothole ("if the
 * hole is deeper than 30 cm, call…"): the service tells its own emergency route, it is not an emergency.
 *
 * Compared case-insensitively, in English and Welsh (`brys` urgent, `argyfwng` emergency). Keywords and
 * codes must be the word alone; group names must contain it as a word not negated, so "Emergencies"
 * counts while "Non-emergency repairs" and "Not urgent" do not.
 */

/** Words that mark urgency (lower case). */
const URGENT_WORDS: ReadonlySet<string> = new Set(['urgent', 'emergency', 'emergencies', 'brys', 'argyfwng', 'argyfyngau']);
/** Words that turn the next one round ("non-emergency", "not urgent", Welsh "nid brys"). */
const NEGATIONS: ReadonlySet<string> = new Set(['non', 'not', 'nid', 'dim']);

/** True when the text (a group name) names urgency as a whole word that is not negated. */
export function namesUrgency(text: string | undefined): boolean {
  const words = (text ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.some((w, i) => URGENT_WORDS.has(w) && !NEGATIONS.has(words[i - 1] ?? ''));
}

/** True when a keyword or code is one of the urgency words by itself. */
export function isUrgencyWord(text: string): boolean {
  return URGENT_WORDS.has(text.trim().toLowerCase());
}

/** The codes in an `urgent-services` attribute: split on commas only, trimmed, empties dropped. */
export function listedCodes(attribute: string | undefined): string[] {
  return (attribute ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * True when the service is urgent: listed by the council, or marked so by the server (keyword, group,
 * or an informational attribute of its definition). `definition` is this service's definition, or
 * absent (not loaded yet, or the service has none).
 */
export function isUrgentService(service: Service | undefined, definition?: ServiceDefinition, listed = ''): boolean {
  if (!service) return false;
  if (listedCodes(listed).includes(service.code)) return true;
  if (service.keywords.some(isUrgencyWord) || service.groups.some(namesUrgency)) return true;
  return definition?.attributes.some((a) => !a.variable && isUrgencyWord(a.code)) ?? false;
}
