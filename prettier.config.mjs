/**
 * Prettier, set to the style the code was already written in, so the formatting pass changes little:
 * single quotes, semicolons, trailing commas everywhere, two-space indent; a print width of 160
 * (the longest 1 % of lines were about 150 wide before Prettier; 160 changed the fewest lines of
 * 120/140/160/180 measured).
 *
 * `embeddedLanguageFormatting: 'off'`: Prettier must not touch the text of html`` and css``
 * templates. In a Lit template the whitespace between tags is visible text, and the css`` is minified
 * by the build.
 */
export default {
  singleQuote: true,
  semi: true,
  trailingComma: 'all',
  printWidth: 160,
  tabWidth: 2,
  arrowParens: 'always',
  embeddedLanguageFormatting: 'off',
};
