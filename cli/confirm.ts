/** Yes/no questions for destructive commands, on an interactive terminal only. */
import readline from 'node:readline/promises';

export function isInteractive(): boolean {
  return !!process.stdin.isTTY && !!process.stdout.isTTY;
}

/** Asks on the terminal; only "y"/"yes"/"s"/"si"/"sí" count as yes. */
export async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(question)).trim().toLowerCase();
    return ['y', 'yes', 's', 'si', 'sí'].includes(answer);
  } finally {
    rl.close();
  }
}
