import { main, mainAsync } from '../../src/cli/main';
import type { LocaleEnv } from '../../src/cli/cliLocale';

/** Runs the CLI in-process with a locale environment (LANG, LC_ALL …) and captures what it prints. */
export function runWithEnv(env: LocaleEnv, ...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s), env });
  return { code, stdout, stderr };
}

/** {@link runWithEnv} for the streaming commands (report, batch, the store commands). */
export async function runWithEnvAsync(env: LocaleEnv, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await mainAsync(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s), env });
  return { code, stdout, stderr };
}
