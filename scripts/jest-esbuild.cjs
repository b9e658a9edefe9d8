// Jest transform with esbuild (already the build's compiler): TypeScript to CommonJS, no type check
// (npm test runs tsc first).
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: /\.tsx?$/.test(filename) ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
      // Jest runs CommonJS without --experimental-vm-modules: import() must be require().
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
};
