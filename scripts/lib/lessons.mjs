// Reading lesson files under Node (the WebAssembly runner's `lesson <id>`, the docs generator, the
// tests). The structure checks live in web/lessons.js (shared with the page); this file only finds
// and reads the files and prefixes every problem with the file's path.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLessonId, parseLesson, parseLessonIndex } from '../../web/lessons.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const lessonsDir = join(root, 'lessons');

export class LessonFileError extends Error {}

const shown = (path) => relative(process.cwd(), path) || path;

/** The ids of lessons/index.json, in the lecture's order. Throws LessonFileError naming the file. */
export function readLessonIndex(dir = lessonsDir) {
  const path = join(dir, 'index.json');
  let text;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new LessonFileError(`${shown(path)}: cannot read (${e.code ?? e.message})`); }
  const r = parseLessonIndex(text);
  if (r.problems) throw new LessonFileError(r.problems.map((p) => `${shown(path)}: ${p.message}`).join('\n'));
  return r.ids;
}

/** The path of a lesson given by id ("momentum") or by a path to a .json file. */
export function lessonPath(idOrPath, dir = lessonsDir) {
  if (isLessonId(idOrPath)) return join(dir, `${idOrPath}.json`);
  if (String(idOrPath).endsWith('.json')) return resolve(process.env.INIT_CWD ?? process.cwd(), idOrPath);
  throw new LessonFileError(`lesson: "${idOrPath}" is neither a lesson id (lower-case words joined by -) nor a .json file`);
}

/** Reads and checks one lesson; `lab` (optional): the loaded module, whose validator checks the spec.
 *  Throws LessonFileError with every problem, each naming the file and the field. */
export function readLesson(idOrPath, { lab = null, dir = lessonsDir } = {}) {
  const path = lessonPath(idOrPath, dir);
  if (!existsSync(path)) {
    let known = '';
    try { known = `; known lessons: ${readLessonIndex(dir).join(', ')}`; } catch { /* the index's own problem is reported elsewhere */ }
    throw new LessonFileError(`lesson: no lesson file ${shown(path)}${known}`);
  }
  const id = path.endsWith('.json') ? path.slice(path.lastIndexOf('/') + 1, -5) : idOrPath;
  const r = parseLesson(readFileSync(path, 'utf8'), id, lab ? (spec) => lab.validate(spec) : undefined);
  if (r.problems) throw new LessonFileError(r.problems.map((p) => `${shown(path)}: ${p.message}`).join('\n'));
  return r.lesson;
}
