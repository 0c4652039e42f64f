/**
 * The map picker's default address search, on its own so that what only needs its address (the
 * iframe page's connect-src) does not pull the search's parsers into the first screen.
 */

/** Nominatim's public instance (usage policy: no autocomplete, at most one request a second, attribution). */
export const DEFAULT_GEOCODER = 'https://nominatim.openstreetmap.org/search?q={query}&format=jsonv2&limit=5&countrycodes=gb';
