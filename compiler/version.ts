// The compiler's version goes into every bundle; esbuild inlines the JSON.
import pkg from '../package.json' with { type: 'json' };

export const COMPILER_VERSION = `cork ${pkg.version}`;
