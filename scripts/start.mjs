// `npm start`: builds the portal when it is missing, then runs the local server.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!existsSync(join(root, 'web/dist/index.html'))) {
  console.log('首次启动：正在构建 PC 门户……');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), 'web'], {
    cwd: root,
    stdio: 'inherit',
  });
}

const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const server = spawn(process.execPath, [tsx, join(root, 'backend/local/main.ts')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
