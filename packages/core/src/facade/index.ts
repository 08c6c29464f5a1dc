/** Helpers the three facades share: Python argument conventions, aliases, print/str/repr. */
export * from './args.js';
export * from './python.js';
