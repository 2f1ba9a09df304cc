import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { Flags } from '@oclif/core';
import { decodeText, diffDivipola, DivipolaChanges, formatDivipolaJson, GeoDirectory, parseDivipolaCsv } from '../../../bot/geo';
import { BaseCommand } from '../../baseCommand';
import { CliInputError } from '../../cliErrors';
import { messages } from '../../messages';

export interface GeoRefreshResult {
  source: string;
  rows: number;
  departments: number;
  municipalities: number;
  /** Codes whose leading zeros were restored (the file went through a spreadsheet). */
  paddedCodes: number;
  changes: DivipolaChanges;
  /** Files written; empty with --dry-run. */
  written: string[];
}

/** Where the product keeps its geography: the source file (committed) and the built copy the running code reads. */
const SHIPPED_FILES = ['bot/geo/divipola.json', 'dist/bot/geo/divipola.json'];

export default class Refresh extends BaseCommand<typeof Refresh> {
  static override summary = "Refresh the shipped DIVIPOLA geography from DANE's published CSV.";

  static override description =
    "Refresh the shipped geography (departments and municipalities with DIVIPOLA codes) from DANE's published CSV. " +
    'Accepts the project\'s columns (department_code, department_name, municipality_code, municipality_name) or DANE\'s ' +
    '("Código Departamento", "Nombre Departamento", "Código Municipio", "Nombre Municipio"; also COD_DPTO/NOM_DPTO/COD_MPIO/NOM_MPIO). ' +
    'The whole file is validated first; nothing is written if any row is wrong. Restart the bot afterwards.';

  static override examples = [
    '<%= config.bin %> <%= command.id %> --file DIVIPOLA_Municipios.csv --dry-run',
    '<%= config.bin %> <%= command.id %> --file DIVIPOLA_Municipios.csv',
    '<%= config.bin %> <%= command.id %> --file divipola.csv --output /tmp/divipola.json --json',
  ];

  static override flags = {
    file: Flags.string({ char: 'f', description: "DANE's DIVIPOLA CSV (UTF-8 or Latin-1, \",\" or \";\")", required: true }),
    output: Flags.string({ description: 'write here instead of the shipped data files' }),
    'dry-run': Flags.boolean({ description: 'validate and show the changes, write nothing' }),
  };

  async run(): Promise<GeoRefreshResult> {
    const { file } = this.flags;
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (err) {
      throw new CliInputError(messages.fileNotReadable(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message));
    }
    const parsed = parseDivipolaCsv(decodeText(bytes), path.basename(file));
    const changes = diffDivipola(GeoDirectory.shipped().data, parsed.data);
    const written: string[] = [];
    if (!this.flags['dry-run']) {
      const targets = this.flags.output ? [this.flags.output] : SHIPPED_FILES.map((f) => path.join(this.config.root, f)).filter((f) => existsSync(f));
      for (const target of targets) {
        await fs.writeFile(target, formatDivipolaJson(parsed.data));
        written.push(target);
      }
    }
    this.log(messages.geoSummary(parsed.data.departments.length, parsed.data.municipalities.length, changes));
    for (const m of changes.added) this.log(messages.geoChange('+', `${m.code} ${m.name}`));
    for (const m of changes.removed) this.log(messages.geoChange('-', `${m.code} ${m.name}`));
    for (const r of [...changes.renamedDepartments, ...changes.renamed]) this.log(messages.geoChange('~', `${r.code} ${r.from} → ${r.to}`));
    this.log(written.length ? messages.geoWritten(written) : messages.geoDryRun);
    return {
      source: parsed.data.source,
      rows: parsed.rows,
      departments: parsed.data.departments.length,
      municipalities: parsed.data.municipalities.length,
      paddedCodes: parsed.paddedCodes,
      changes,
      written,
    };
  }
}
