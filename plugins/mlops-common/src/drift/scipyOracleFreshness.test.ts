/*
 * When Debian's scipy 1.10 is installed, re-runs the oracle and checks that
 * the committed expected values are current.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const DEBIAN_SCIPY = '/usr/lib/python3/dist-packages/scipy';
const script = path.resolve(__dirname, '../../scripts/drift-oracle.py');
const committed = path.resolve(__dirname, '__fixtures__/scipy-expected.json');

const haveDebianScipy = fs.existsSync(DEBIAN_SCIPY);

(haveDebianScipy ? describe : describe.skip)('with Debian scipy 1.10', () => {
  it('scipy-expected.json is what drift-oracle.py produces', () => {
    const run = spawnSync('python3', [script], {
      env: { ...process.env, PYTHONPATH: '/usr/lib/python3/dist-packages' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(
      JSON.parse(fs.readFileSync(committed, 'utf8')),
    );
  }, 60_000);
});
