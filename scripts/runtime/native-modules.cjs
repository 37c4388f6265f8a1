/**
 * Preloaded with `NODE_OPTIONS=--require …/native-modules.cjs` when the suite runs
 * on a second Node.js runtime (scripts/test-all.sh, scripts/runtime/prepare-node.mjs):
 * `require('better-sqlite3')` then loads the copy compiled for that runtime in
 * NATIVE_MODULES_DIR instead of node_modules/better-sqlite3, which stays built
 * for the machine's Node.js. Inside Jest, jest.config.js maps the module the same way.
 * Without NATIVE_MODULES_DIR it does nothing.
 */
const Module = require('module');
const path = require('path');

const dir = process.env.NATIVE_MODULES_DIR;
if (dir) {
  const copies = { 'better-sqlite3': path.join(dir, 'better-sqlite3') };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveNative(request, ...rest) {
    return resolve.call(this, copies[request] ?? request, ...rest);
  };
}
