import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PACKAGE_ROOT } from '../src/packageRoot.ts';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'studyquiz.js');

export interface BotProcess {
  pid: number;
  /** Resident memory of the bot process, from the kernel (what `top` shows), in MB. */
  rssMb(): Promise<number>;
  /** CPU time the bot process has used so far, all its threads, in µs. */
  cpuUs(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Runs `studyquiz start` in its own process, exactly as a server would, against the loopback in
 * this one: the bot's memory is then its own, and the bot and the loopback each get a core, as
 * a bot and Discord would.
 */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  // BENCH_CPU_PROF=<dir> writes a CPU profile of each bot process there, for `node --cpu-prof` work.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, BIN, 'start'], {
    env: { ...process.env, LOG_LEVEL: 'info', STORE: 'memory', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(String(chunk)));
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const fail = (why: string) =>
      reject(new Error(`the bot did not start (${why}):\n${stderr.join('').slice(-2000)}`));
    child.once('exit', (code) => fail(`exit code ${code}`));
    lines.on('line', (line) => {
      if (line.includes('"msg":"bot ready"')) {
        child.removeAllListeners('exit');
        resolve();
      }
    });
  });
  // Keep draining the logs so the bot never blocks on a full pipe.
  child.stdout?.resume();
  return {
    pid: child.pid ?? 0,
    rssMb: () => rssMbOf(child),
    cpuUs: () => cpuUsOf(child.pid ?? 0),
    stop: () => stopChild(child),
  };
}

export async function rssMbOf(child: ChildProcess): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** The sum over the process's threads of the time on a CPU (schedstat's first field, in ns). */
export async function cpuUsOf(pid: number): Promise<number> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  let ns = 0;
  for (const task of tasks) {
    const stat = await readFile(`/proc/${pid}/task/${task}/schedstat`, 'utf8').catch(() => '0');
    ns += Number(stat.split(' ')[0]) || 0;
  }
  return ns / 1000;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
