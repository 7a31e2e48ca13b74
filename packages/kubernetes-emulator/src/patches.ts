/** A JSON value as the API server stores it. */
export type Json =
  | null
  | boolean
  | number
  | string
  | Json[]
  | { [key: string]: Json };

/** Thrown for a patch the API server would refuse (422/400). */
export class PatchError extends Error {}

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7386 JSON merge patch: objects merge, `null` deletes, anything else replaces. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: { [key: string]: Json } = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key] ?? null, value);
  }
  return result;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new PatchError(`invalid JSON pointer "${pointer}"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, path: string[], pointer: string) {
  let node: Json = doc;
  for (const key of path.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else node = undefined as unknown as Json;
    if (node === undefined) {
      throw new PatchError(`path "${pointer}" does not exist`);
    }
  }
  if (!Array.isArray(node) && !isObject(node)) {
    throw new PatchError(`path "${pointer}" does not exist`);
  }
  return node;
}

function getAt(doc: Json, pointer: string): Json {
  let node: Json = doc;
  for (const key of decodePointer(pointer)) {
    let next: Json | undefined;
    if (Array.isArray(node)) next = node[Number(key)];
    else if (isObject(node)) next = node[key];
    if (next === undefined) {
      throw new PatchError(`path "${pointer}" does not exist`);
    }
    node = next;
  }
  return node;
}

function arrayIndex(
  array: Json[],
  key: string,
  forInsert: boolean,
  pointer: string,
) {
  if (forInsert && key === '-') return array.length;
  const index = Number(key);
  const limit = forInsert ? array.length : array.length - 1;
  if (!/^\d+$/.test(key) || index > limit) {
    throw new PatchError(`index "${key}" out of range in "${pointer}"`);
  }
  return index;
}

function removeAt(doc: Json, pointer: string): Json {
  const path = decodePointer(pointer);
  if (path.length === 0) throw new PatchError('cannot remove the root');
  const parent = parentOf(doc, path, pointer);
  const key = path[path.length - 1];
  if (Array.isArray(parent)) {
    const [removed] = parent.splice(arrayIndex(parent, key, false, pointer), 1);
    return removed;
  }
  if (!(key in parent)) {
    throw new PatchError(`path "${pointer}" does not exist`);
  }
  const removed = parent[key];
  delete parent[key];
  return removed;
}

function addAt(
  doc: Json,
  pointer: string,
  value: Json,
  replace: boolean,
): Json {
  const path = decodePointer(pointer);
  if (path.length === 0) return value;
  const parent = parentOf(doc, path, pointer);
  const key = path[path.length - 1];
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, key, !replace, pointer);
    parent.splice(index, replace ? 1 : 0, value);
  } else {
    if (replace && !(key in parent)) {
      throw new PatchError(`path "${pointer}" does not exist`);
    }
    parent[key] = value;
  }
  return doc;
}

/** One RFC 6902 operation. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: Json;
}

/** RFC 6902 JSON patch; all or nothing (the input is not modified). */
export function applyJsonPatch(target: Json, operations: unknown): Json {
  if (!Array.isArray(operations)) {
    throw new PatchError('a JSON patch must be an array of operations');
  }
  let doc = structuredClone(target);
  for (const raw of operations as JsonPatchOperation[]) {
    if (!isObject(raw) || typeof raw.path !== 'string') {
      throw new PatchError('every JSON patch operation needs an op and a path');
    }
    switch (raw.op) {
      case 'add':
        doc = addAt(doc, raw.path, structuredClone(raw.value ?? null), false);
        break;
      case 'replace':
        doc = addAt(doc, raw.path, structuredClone(raw.value ?? null), true);
        break;
      case 'remove':
        removeAt(doc, raw.path);
        break;
      case 'move': {
        const value = removeAt(doc, String(raw.from));
        doc = addAt(doc, raw.path, value, false);
        break;
      }
      case 'copy':
        doc = addAt(
          doc,
          raw.path,
          structuredClone(getAt(doc, String(raw.from))),
          false,
        );
        break;
      case 'test':
        if (
          JSON.stringify(getAt(doc, raw.path)) !== JSON.stringify(raw.value)
        ) {
          throw new PatchError(`test operation failed at "${raw.path}"`);
        }
        break;
      default:
        throw new PatchError(
          `unknown JSON patch operation "${String(raw.op)}"`,
        );
    }
  }
  return doc;
}
