/**
 * `npm run package` → app.zip, the App Service deploy package: prebuilt (dist/ plus production
 * dependencies), so App Service runs it as it is with the template's startup command
 * (`node dist/bot/index.js`) and no build on deploy (SCM_DO_BUILD_DURING_DEPLOYMENT=false).
 * What is in it: scripts/packageFiles.ts.
 *
 *   node dist/scripts/package.js [--output app.zip]
 */
import { createWriteStream, statSync } from 'node:fs';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { PackageError, packageFiles } from './packageFiles';

const ROOT = path.resolve(__dirname, '../..');

export interface PackageResult {
  file: string;
  bytes: number;
  files: number;
  milliseconds: number;
}

export async function makePackage(output: string, root = ROOT): Promise<PackageResult> {
  const started = Date.now();
  const files = packageFiles(root);
  const zip = new ZipFile();
  // Level 6 is zlib's default: about 5× smaller than the files, at little more time than level 1.
  for (const file of files) zip.addFile(path.join(root, file), file, { compressionLevel: 6 });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(output);
    out.on('close', resolve);
    out.on('error', reject);
    zip.outputStream.on('error', reject);
    zip.outputStream.pipe(out);
  });
  return { file: output, bytes: statSync(output).size, files: files.length, milliseconds: Date.now() - started };
}

async function main(): Promise<void> {
  const flag = process.argv.indexOf('--output');
  const output = path.resolve(flag >= 0 && process.argv[flag + 1] ? process.argv[flag + 1] : path.join(ROOT, 'app.zip'));
  try {
    const result = await makePackage(output);
    process.stdout.write(`${result.file}: ${(result.bytes / 1e6).toFixed(1)} MB, ${result.files} files, ${(result.milliseconds / 1000).toFixed(1)} s\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof PackageError ? error.message : (error as Error).stack}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
