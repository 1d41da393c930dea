// `npm test`: everything a change can break, in the order that fails fastest.
// Type checks, lint, the build, then the jest suite under TZ=UTC (all projects) and again
// under TZ=Asia/Shanghai (backend and mini-program), ending with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = mkdtempSync(join(tmpdir(), 'jest-results-'));
let passed = 0;
let failed = 0;

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const run = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return run.status === 0;
}

function jest(title, tz, projects) {
  const outputFile = join(resultsDir, `${tz.replace('/', '-')}.json`);
  const args = ['jest', '--json', `--outputFile=${outputFile}`];
  for (const project of projects) args.push('--selectProjects', project);
  const ok = step(title, 'npx', args, { TZ: tz });
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  } catch {
    failed += 1;
  }
  return ok;
}

const checks = [
  () => step('type check: backend, tests, typings', 'npx', ['tsc', '-p', 'tsconfig.json']),
  () => step('type check: mini-program', 'npx', ['tsc', '-p', 'miniprogram/tsconfig.json']),
  () => step('type check: page tests', 'npx', ['tsc', '-p', 'tests/miniprogram/tsconfig.json']),
  () => step('type check: portal', 'npx', ['vue-tsc', '-p', 'web/tsconfig.json', '--noEmit']),
  () => step('lint', 'npx', ['eslint', '.']),
  () => step('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']),
  () => step('build', process.execPath, ['scripts/build.mjs']),
];
for (const check of checks) {
  if (!check()) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

const utc = jest('tests, TZ=UTC', 'UTC', ['backend', 'miniprogram', 'e2e']);
const shanghai = jest('tests, TZ=Asia/Shanghai', 'Asia/Shanghai', ['backend', 'miniprogram']);

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(utc && shanghai && failed === 0 ? 0 : 1);
