import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Reads the YAML documents of a file in the task workspace. The path comes
 * from the template, so it is resolved inside the workspace or refused.
 */
export async function readWorkspaceYamlDocuments(
  workspacePath: string,
  relativePath: string,
): Promise<unknown[]> {
  const file = resolveSafeChildPath(workspacePath, relativePath);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      `${relativePath} could not be read from the workspace: ${
        (error as Error).message
      }`,
    );
  }
  const documents = parseAllDocuments(text);
  const problems = documents.flatMap((doc, index) =>
    doc.errors.map(e => `document ${index + 1}: ${e.message}`),
  );
  if (problems.length > 0) {
    throw new InputError(
      `${relativePath} is not valid YAML: ${problems.join('; ')}`,
    );
  }
  return documents.map(doc => doc.toJS());
}

/** Writes a file into the workspace, creating its directory. */
export async function writeWorkspaceFile(
  workspacePath: string,
  relativePath: string,
  content: string,
): Promise<string> {
  const file = resolveSafeChildPath(workspacePath, relativePath);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content, 'utf8');
  return file;
}
