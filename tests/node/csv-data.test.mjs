// web/csv-data.js: a CSV file → the spec's inline dataset, and each bad file's message naming
// the row and the column. The accepted dataset is then run by the Node runner (the core accepts it).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { parseCsvDataset, csvColumns, guessLabelColumn, checkCsvSize, MAX_CSV_BYTES } from '../../web/csv-data.js';

const good = 'x1,x2,species\n0.5,1,setosa\n1.5,-2,versicolor\n2,3.25,setosa\n-1,0,virginica\n';

test('a CSV file with a header becomes x (features) and y (sorted class names → 0…k−1)', () => {
  const d = parseCsvDataset(good, 'species');
  assert.deepEqual(d.x, [[0.5, 1], [1.5, -2], [2, 3.25], [-1, 0]]);
  assert.deepEqual(d.classNames, ['setosa', 'versicolor', 'virginica']);
  assert.deepEqual(d.y, [0, 1, 0, 2]);
  assert.deepEqual(d.features, ['x1', 'x2']);
  // The label column may be anywhere; numeric labels sort as numbers (10 after 9).
  const n = parseCsvDataset('c,a\n9,1\n10,2\n9,3\n', 'c');
  assert.deepEqual(n.classNames, ['9', '10']);
  assert.deepEqual(n.x, [[1], [2], [3]]);
  assert.deepEqual(n.y, [0, 1, 0]);
  assert.deepEqual(csvColumns(good), ['x1', 'x2', 'species']);
  assert.equal(guessLabelColumn(['a', 'Class', 'b']), 'Class');
  assert.equal(guessLabelColumn(['a', 'b']), 'b');
  assert.equal(guessLabelColumn(['x', 'y', 'label']), 'label', 'label is preferred to a feature named y');
  assert.equal(guessLabelColumn(['x', 'y']), 'y');
  // Quoted fields with commas and CRLF line ends are papaparse's to handle.
  const q = parseCsvDataset('"f,1",label\r\n1,"a,b"\r\n2,c\r\n', 'label');
  assert.deepEqual(q.classNames, ['a,b', 'c']);
});

const bad = [
  ['ragged row', 'a,b,label\n1,2,x\n3,y\n', 'row 3: 2 fields, but the header has 3', 3, null],
  ['text in a numeric column', 'a,b,label\n1,2,x\n3,abc,y\n', 'row 3, column "b": "abc" is not a number', 3, 'b'],
  ['NaN', 'a,b,label\n1,2,x\nNaN,1,y\n', 'row 3, column "a": is NaN, not a finite number', 3, 'a'],
  ['an empty cell', 'a,b,label\n1,2,x\n4,,y\n', 'row 3, column "b": is empty', 3, 'b'],
  ['one class only', 'a,label\n1,x\n2,x\n', 'column "label" has one class only (x); a classifier needs at least 2 classes', null, 'label'],
  ['an empty file', '', 'the file is empty: it needs a header row and at least two rows of data', null, null],
  ['a header only', 'a,label\n', 'the file has no data rows: it needs a header row and at least two rows of data', null, null],
  ['no such label column', 'a,b\n1,2\n3,4\n', 'there is no column "label" in the header (a, b)', 1, null],
  ['eleven class names', `a,label\n${Array.from({ length: 11 }, (_, i) => `${i},c${i}`).join('\n')}\n`,
    'column "label" has 11 different values; the lab classifies into at most 10 classes (a regression target must be numeric)', null, 'label'],
];

for (const [what, text, message, row, column] of bad) {
  test(`a bad file (${what}) is refused with a message naming the row and column`, () => {
    assert.throws(() => parseCsvDataset(text, what === 'no such label column' ? 'label' : 'label'), (e) => {
      assert.equal(e.message, message);
      assert.equal(e.row, row);
      assert.equal(e.column, column);
      return true;
    });
  });
}

test('a numeric label column with more than 10 values is a regression target; classes or regression may be chosen', () => {
  const rows = Array.from({ length: 12 }, (_, i) => `${i},${i % 3},${(0.5 * i - 1).toFixed(2)}`);
  const d = parseCsvDataset(`a,b,price\n${rows.join('\n')}\n`, 'price');
  assert.equal(d.kind, 'regression');
  assert.deepEqual(d.targets, rows.map((_, i) => 0.5 * i - 1));
  assert.equal(d.y, undefined);
  assert.deepEqual(d.x[3], [3, 0]);
  // Asked as classes, the same column has too many values; a few numeric values are classes unless asked.
  assert.throws(() => parseCsvDataset(`a,b,price\n${rows.join('\n')}\n`, 'price', 'classes'), /has 12 different values; the lab classifies into at most 10 classes$/);
  assert.equal(parseCsvDataset('a,t\n1,0\n2,1\n3,0\n', 't').kind, 'classes');
  const r = parseCsvDataset('a,t\n1,0\n2,1\n3,0.5\n', 't', 'regression');
  assert.deepEqual(r.targets, [0, 1, 0.5]);
  // A regression target that is not a number, or never varies, is named.
  assert.throws(() => parseCsvDataset('a,t\n1,0\n2,x\n', 't', 'regression'), (e) => e.row === 3 && e.column === 't' && /row 3, column "t": "x" is not a number/.test(e.message));
  assert.throws(() => parseCsvDataset('a,t\n1,4\n2,4\n', 't', 'regression'), /has one value only \(4\); a regression target must vary/);
  assert.throws(() => parseCsvDataset('a,t\n1,4\n2,5\n', 't', 'maybe'), /not "maybe"/);
});

test('a 50 MB file is refused by its size before it is read, stating the limit', () => {
  assert.throws(() => checkCsvSize(50 * 1024 * 1024), /the file is 50\.0 MB; a data file may be at most 5 MB/);
  assert.doesNotThrow(() => checkCsvSize(MAX_CSV_BYTES));
  // Too many numbers for the core's inline limit: the message states it.
  const rows = Array.from({ length: 100001 }, (_, i) => `${i},${i % 2},${i % 2}`).join('\n');
  assert.throws(() => parseCsvDataset(`a,b,label\n${rows}\n`, 'label'), /= 200002 numbers; inline data may hold at most 200000/);
});
