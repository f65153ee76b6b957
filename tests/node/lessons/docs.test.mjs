// README.md and docs/lessons.md list the lessons with their one-line claims, generated from the lesson
// files (scripts/make-lesson-docs.mjs); this fails when a lesson changed and the lists were not regenerated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLessonIndex, readLesson, root } from '../../../scripts/lib/lessons.mjs';

test('README.md and docs/lessons.md list every lesson with its claim, as generated from lessons/*.json', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'make-lesson-docs.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const docs = readFileSync(join(root, 'docs', 'lessons.md'), 'utf8');
  for (const id of readLessonIndex()) {
    assert.ok(readme.includes(`\`${id}\``) && docs.includes(`\`${id}\``), `${id} listed`);
    if (!existsSync(join(root, 'lessons', `${id}.json`))) continue;
    const claim = readLesson(id).claim.en.replace(/\|/g, '\\|');
    assert.ok(readme.includes(claim) && docs.includes(claim), `${id}: its claim is listed`);
  }
});
