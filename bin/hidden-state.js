#!/usr/bin/env node
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code on disk, so later runs skip compiling TypeScript's
// 9 MB compiler; Node 20 has no such API and compiles it on every run. Set before the compiler
// is loaded: cli.js loads it, so it is imported only now.
module.enableCompileCache?.();
const { run } = await import('../dist/src/cli/cli.js');

// A reader that stops early (`| head`) closes the pipe: that ends the output, it is not a crash.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  columns: process.stdout.columns,
});
