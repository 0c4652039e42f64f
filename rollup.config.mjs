import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

/**
 * dist/open311-elements.js: the drop-in entry that registers every element.
 * dist/open311.js: the protocol client alone (no Lit), for pages and servers that want only that.
 * Lazy chunks (locales, the map) go to dist/chunks/ with content hashes, so uploading a new
 * version beside an old one never breaks a page that still holds the old entry.
 */
export default {
  input: {
    'open311-elements': 'src/index.ts',
    open311: 'src/open311/index.ts',
  },
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: false,
  },
  plugins: [
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    typescript({ tsconfig: './tsconfig.build.json', outputToFilesystem: true }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    // Lit's decorators use `this` at the top level of TypeScript's helper output.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
