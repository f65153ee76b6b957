// Lesson files: every listed lesson is well formed (both languages, 3–8 sentences, known views) and its
// spec is accepted by the core's validator; bad lesson files get messages naming the file and field;
// both runners' `lesson` command runs a lesson file and rejects a missing one clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOptlab } from '../../../wasm/optlab.js';
import { readLessonIndex, readLesson, lessonsDir, LessonFileError } from '../../../scripts/lib/lessons.mjs';
import { lessonProblems, parseLessonIndex, pageRace, sentenceCount, neighbours } from '../../../web/lessons.js';
import { nativeRunner, nodeRunner, root } from '../helpers.mjs';

const lab = await loadOptlab();
const ids = readLessonIndex();

const good = () => ({
  id: 'example', section: '8.3.2',
  title: { en: 'Momentum', ja: 'モーメンタム' },
  text: { en: 'One. Two. Three.', ja: '一。二。三。' },
  claim: { en: 'a claim', ja: '主張' },
  spec: { problem: { name: 'saddle', x0: [1, 0.01] }, optimizer: { name: 'sgd', lr: 0.1 }, steps: 5 },
  views: ['contour', 'loss'],
});

test('the index lists the 27 lesson ids of issue 15 once each, in the lecture order', () => {
  assert.equal(ids.length, 27);
  assert.equal(new Set(ids).size, 27);
  // The lecture's order: the minibatch topics first, the challenges before the algorithms, continuation last but one.
  for (const [a, b] of [['minibatch-size', 'ill-conditioning'], ['saddle-points', 'momentum'], ['momentum', 'nesterov'],
    ['adaptive-learning-rates', 'newton'], ['batch-norm', 'group-norm'], ['coordinate-descent', 'polyak-averaging'], ['polyak-averaging', 'continuation']]) {
    assert.ok(ids.indexOf(a) < ids.indexOf(b), `${a} before ${b}`);
  }
});

// Lessons listed but not written yet show in the tour and docs by id only (docs/lessons.md).
for (const id of ids.filter((i) => existsSync(join(lessonsDir, `${i}.json`)))) {
  test(`lesson ${id}: well formed, and the core accepts its spec`, () => {
    const lesson = readLesson(id, { lab });   // throws LessonFileError naming file and field
    assert.equal(lesson.id, id);
  });
}

test('every lesson whose racers have labels names them in Japanese too: one racer_labels.ja per racer', () => {
  let labelled = 0;
  for (const id of ids.filter((i) => existsSync(join(lessonsDir, `${i}.json`)))) {
    const lesson = readLesson(id);
    const racers = lesson.spec.racers ?? [];
    if (!racers.some((r) => typeof r.label === 'string')) continue;
    labelled++;
    const ja = lesson.racer_labels?.ja;
    assert.ok(Array.isArray(ja), `${id}: racer_labels.ja missing (its racers have labels)`);
    assert.equal(ja.length, racers.length, `${id}: one Japanese label per racer`);
    for (const [i, name] of ja.entries()) assert.ok(typeof name === 'string' && name.trim(), `${id}: racer_labels.ja[${i}]`);
  }
  assert.ok(labelled >= 20, `${labelled} lessons with labelled racers`);
});

// Two labelled racers, for racer_labels.
const two = () => [{ label: 'gradient descent' }, { optimizer: { name: 'newton' }, label: 'Newton' }];

test('a good lesson has no problems; each broken field is named', () => {
  assert.deepEqual(lessonProblems(good(), 'example'), []);
  const raced = good();
  raced.spec.racers = two();
  raced.racer_labels = { ja: ['勾配降下法', 'ニュートン法'] };
  assert.deepEqual(lessonProblems(raced, 'example'), []);
  const cases = [
    [(l) => { delete l.title.ja; }, 'title.ja: missing (every text needs en and ja)'],
    [(l) => { l.text.en = 'Only one sentence.'; }, 'text.en: must be 3 to 8 sentences for a student (has 1)'],
    [(l) => { l.views.push('zoom'); }, 'views[2]: unknown view "zoom"'],
    [(l) => { l.section = '3.1'; }, 'section: must be a section of chapter 8'],
    [(l) => { l.id = 'other'; }, 'id: "other" differs from the file name "example.json"'],
    [(l) => { l.claims = {}; }, 'claims: unknown key'],
    [(l) => { l.spec = []; }, 'spec: must be an experiment spec'],
    [(l) => { l.text.fr = 'Un. Deux. Trois.'; }, 'text.fr: unknown language'],
    [(l) => { l.spec.racers = two(); l.racer_labels = { ja: ['一'] }; }, 'racer_labels.ja: must list one label per racer of spec.racers (2), got 1'],
    [(l) => { l.spec.racers = two(); l.racer_labels = { ja: ['一', ' '] }; }, 'racer_labels.ja[1]: must be a non-empty string'],
    [(l) => { l.spec.racers = two(); l.racer_labels = { en: ['a', 'b'] }; }, 'racer_labels.en: unknown language; allowed: ja'],
    [(l) => { l.spec.racers = two(); l.racer_labels = ['一', '二']; }, 'racer_labels: must be an object'],
  ];
  for (const [breakIt, message] of cases) {
    const l = good();
    breakIt(l);
    const problems = lessonProblems(l, 'example');
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.ok(problems[0].message.startsWith(message), `${problems[0].message} should start with ${message}`);
  }
});

test('sentences are counted in English and Japanese', () => {
  assert.equal(sentenceCount('The loss falls. Does it? Yes! It stays at 0.5 (ε = 0.1) here.'), 4);
  assert.equal(sentenceCount('損失は下がる。本当か？はい！'), 3);
});

test('the index: repeated or malformed ids are named', () => {
  assert.deepEqual(parseLessonIndex('{"lessons": ["a-b", "a-b"]}').problems.map((p) => p.message), ['lessons[1]: "a-b" is listed twice']);
  assert.match(parseLessonIndex('{"lessons": ["Bad Id"]}').problems[0].message, /^lessons\[0\]: not a lesson id/);
  assert.match(parseLessonIndex('{"lessons": 3').problems[0].message, /^index: not valid JSON/);
  assert.deepEqual(neighbours(['a', 'b', 'c'], 'b'), { prev: 'a', next: 'c' });
  assert.deepEqual(neighbours(['a', 'b', 'c'], 'a'), { prev: null, next: 'b' });
});

test('the page races a lesson\'s spec as it is: its racers are the core\'s to expand', () => {
  const spec = { problem: { name: 'saddle' }, optimizer: { name: 'momentum', lr: 0.1, momentum: 0.5 },
    racers: [{}, { optimizer: { momentum: 0.9 } }, { optimizer: { name: 'sgd', lr: 0.2 }, label: 'plain' }] };
  assert.deepEqual(pageRace(spec), { spec });
});

const scratch = mkdtempSync(join(tmpdir(), 'optlab-lessons-'));
const runBoth = (arg) => [
  spawnSync(process.execPath, [nodeRunner, 'lesson', arg], { cwd: root, encoding: 'utf8' }),
  spawnSync(nativeRunner, ['lesson', arg], { cwd: root, encoding: 'utf8' }),
];

test('both runners run a lesson file given by path: the same lines as `run` on its spec', () => {
  const file = join(scratch, 'example.json');
  writeFileSync(file, JSON.stringify(good()));
  const specFile = join(scratch, 'spec.json');
  writeFileSync(specFile, JSON.stringify(good().spec));
  const plain = spawnSync(nativeRunner, ['run', specFile], { encoding: 'utf8' });
  assert.equal(plain.status, 0, plain.stderr);
  for (const r of runBoth(file)) {
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, plain.stdout);
    assert.equal(r.stdout.trim().split('\n').length, 7);   // steps 0…5 and the summary
  }
});

test('an unknown lesson id or a broken lesson file is rejected with exit 2 and a message naming it', () => {
  for (const r of runBoth('no-such-lesson')) {
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^error: .*no-such-lesson/);
    assert.equal(r.stdout, '');
  }
  const broken = join(scratch, 'broken.json');
  writeFileSync(broken, '{"id": "broken", "spec": ');
  for (const r of runBoth(broken)) {
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^error: .*broken\.json.*(not valid JSON|not a valid lesson file)/);
  }
  const noSpec = join(scratch, 'nospec.json');
  writeFileSync(noSpec, JSON.stringify({ ...good(), id: 'nospec', spec: undefined }));
  for (const r of runBoth(noSpec)) {
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nospec\.json: spec: (missing|must be an experiment spec)/);
  }
  const badSpec = join(scratch, 'badspec.json');
  writeFileSync(badSpec, JSON.stringify({ ...good(), id: 'badspec', spec: { optimizer: { name: 'sgd', lr: -1 } } }));
  for (const r of runBoth(badSpec)) {
    assert.equal(r.status, 2);
    assert.match(r.stderr, /optimizer\.lr: must be > 0/);
  }
  assert.throws(() => readLesson('Not An Id'), LessonFileError);
});

test('the link names a lesson: #lesson=<id>; a malformed id is reported and ignored', async () => {
  const { parseHash, formatHash } = await import('../../../web/url-state.js');
  // lessonText: the link's text as typed, kept in the address bar when the lesson does not open.
  assert.deepEqual(parseHash('#lesson=momentum&lang=ja').values, { lesson: 'momentum', lessonText: 'momentum', lang: 'ja' });
  const bad = parseHash('#lesson=../etc/passwd');
  assert.equal(bad.values.lesson, undefined);
  assert.equal(bad.values.lessonText, '../etc/passwd');
  assert.match(bad.problems[0], /^lesson: not a lesson id/);
  assert.equal(formatHash({ lesson: 'saddle-points', lang: 'ja' }), '#lesson=saddle-points&lang=ja');
});
