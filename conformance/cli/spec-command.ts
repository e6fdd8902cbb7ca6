/** `streamconform spec [--write FILE] [--check FILE]`: docs/spec.md's requirement block from the registry. */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { requirements } from '../requirements/index.ts';
import { renderRequirementBlock, replaceRequirementBlock } from '../spec/render.ts';
import { UsageError } from './usage-error.ts';

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { write: { type: 'string' }, check: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: streamconform spec [--write FILE | --check FILE]`);
  }
  if (values.write) {
    const document = await readFile(values.write, 'utf8');
    await writeFile(values.write, replaceRequirementBlock(document, requirements));
    process.stderr.write(`updated ${values.write} (${requirements.length} requirements)\n`);
    return 0;
  }
  if (values.check) {
    const document = await readFile(values.check, 'utf8');
    const fresh = replaceRequirementBlock(document, requirements);
    if (fresh !== document) {
      process.stderr.write(`${values.check} disagrees with the registry; run \`npm run spec\`\n`);
      return 1;
    }
    return 0;
  }
  process.stdout.write(renderRequirementBlock(requirements) + '\n');
  return 0;
}
