import { describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { nodeRecipe, pythonRecipe } from '../../../infra/gcp/recipes.js';

const text = (content: Uint8Array | string): string => (typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));

describe('gcp package recipes', () => {
  test('Node.js: the bundled adapter and a package.json pinning the installed Functions Framework', async () => {
    const files = await nodeRecipe.files();
    expect(files.map((f) => f.name).sort()).toEqual(['index.js', 'package.json']);
    const installed = JSON.parse(await readFile('node_modules/@google-cloud/functions-framework/package.json', 'utf8')) as { version: string };
    const manifest = JSON.parse(text(files.find((f) => f.name === 'package.json')!.content)) as Record<string, unknown>;
    expect(manifest).toMatchObject({ main: 'index.js', type: 'commonjs', dependencies: { '@google-cloud/functions-framework': installed.version } });
    expect(installed.version).toMatch(/^\d+\.\d+\.\d+$/);

    const code = text(files.find((f) => f.name === 'index.js')!.content);
    // The framework stays outside the bundle: Cloud Build installs it, and one copy holds the registry.
    expect(code).toContain('require("@google-cloud/functions-framework")');
    expect(code).not.toContain('body-parser');
    expect(code).toContain('FAASBENCH_TOKEN');
  });

  test('the same recipe gives the same files twice (a second deploy changes nothing)', async () => {
    const [first, second] = await Promise.all([nodeRecipe.files(), nodeRecipe.files()]);
    expect(first.map((f) => text(f.content))).toEqual(second.map((f) => text(f.content)));
  });

  test('Python: main.py, the shared core unchanged, and a requirements.txt pinning the Functions Framework exactly', async () => {
    const files = await pythonRecipe.files();
    expect(files.map((f) => f.name).sort()).toEqual(['faasbench_core.py', 'main.py', 'requirements.txt']);
    const requirements = text(files.find((f) => f.name === 'requirements.txt')!.content);
    expect(requirements).toBe('functions-framework==3.10.2\n');
    expect(requirements.trim().split('\n')).toEqual([expect.stringMatching(/^functions-framework==\d+\.\d+\.\d+$/)]);
    const core = await readFile('measurement-functions/python/faasbench_core.py', 'utf8');
    expect(text(files.find((f) => f.name === 'faasbench_core.py')!.content)).toBe(core);
    expect(text(files.find((f) => f.name === 'main.py')!.content)).toContain('def measure(request):');
  });
});
