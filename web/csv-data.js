// A CSV file → the spec's inline dataset ({"name": "inline", "x": [[…]], "y": […]} for classes,
// {"name": "inline", "x": [[…]], "targets": […]} for a regression target), DOM-free so tests run it
// under Node. Parsing is papaparse's (pinned in package.json); this file only checks what the lab
// needs: a header row, numeric features, one label column chosen by name whose values are class
// names (2…10 classes) or real numbers (a regression target), and the core's size limit (the
// catalog's inline x max_numbers).
// Every rejection is a CsvError naming the row (the file's line, header = row 1) and the column.
import Papa from 'papaparse';

/** Files larger than this are refused before they are read as text (a 50 MB file must not freeze the page). */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
// Limits the core states in its catalog (core/problems/dataset.hpp); the page repeats them only to
// name the CSV row and column — the core checks the spec again.
export const MAX_NUMBERS = 200000;
export const MAX_CLASSES = 10;

export class CsvError extends Error {
  /** key: an i18n key of the message; row/column: where (1-based file row, column name). */
  constructor(message, { row = null, column = null } = {}) {
    super(message);
    this.row = row;
    this.column = column;
  }
}

const where = (row, column) => `row ${row}${column ? `, column "${column}"` : ''}`;

/** Refuses a file by its size before reading it (bytes). */
export function checkCsvSize(bytes) {
  if (bytes > MAX_CSV_BYTES) {
    throw new CsvError(`the file is ${(bytes / 1048576).toFixed(1)} MB; a data file may be at most ${MAX_CSV_BYTES / 1048576} MB ` +
      `(and hold at most ${MAX_NUMBERS} numbers)`);
  }
}

/** The header's column names (for the label chooser), or [] when the text has none. */
export function csvColumns(text) {
  const r = Papa.parse(text, { preview: 1, skipEmptyLines: 'greedy' });
  return (r.data[0] ?? []).map((c) => String(c).trim());
}

/** The label column a file most likely means: the first of "label", "class", "y", "target",
 *  "species", "digit" (in that order of preference, so x,y,label picks label) … or the last column. */
export function guessLabelColumn(columns) {
  const known = ['label', 'class', 'y', 'target', 'species', 'digit'];
  for (const name of known) {
    const c = columns.find((col) => col.toLowerCase() === name);
    if (c !== undefined) return c;
  }
  return columns.at(-1);
}

/** What the label column holds: 'classes', 'regression' (a real-valued target), or 'auto' — a
 *  regression target when every value is a number and there are more than MAX_CLASSES different
 *  ones, else classes. */
export const LABEL_KINDS = ['auto', 'classes', 'regression'];

/**
 * Parses CSV text with a header row into {kind, x, y | targets, classNames, features, label}: x the
 * rows of numeric features (every column but `label`); for classes, y the class index of each row
 * (class names sorted: numerically when all are numbers, else as text); for a regression target,
 * targets the label column's numbers (classNames empty). kind: LABEL_KINDS. Throws CsvError naming
 * row and column.
 */
export function parseCsvDataset(text, label, kind = 'auto') {
  if (!LABEL_KINDS.includes(kind)) throw new CsvError(`the label column is read as one of ${LABEL_KINDS.join(', ')}, not "${kind}"`);
  checkCsvSize(text.length);
  if (!text.trim()) throw new CsvError('the file is empty: it needs a header row and at least two rows of data');
  const r = Papa.parse(text, { skipEmptyLines: 'greedy' });
  const rows = r.data;
  const header = (rows[0] ?? []).map((c) => String(c).trim());
  if (rows.length < 3) throw new CsvError('the file has no data rows: it needs a header row and at least two rows of data');
  const labelAt = header.indexOf(label ?? guessLabelColumn(header));
  if (labelAt < 0) throw new CsvError(`there is no column "${label}" in the header (${header.join(', ')})`, { row: 1 });
  if (header.length < 2) throw new CsvError('the header has one column only: the file needs feature columns and a label column', { row: 1 });
  header.forEach((name, j) => {
    if (!name) throw new CsvError(`${where(1, null)}: column ${j + 1} of the header has no name`, { row: 1 });
  });
  const features = header.filter((_, j) => j !== labelAt);
  if ((rows.length - 1) * features.length > MAX_NUMBERS) {
    throw new CsvError(`the file holds ${rows.length - 1} rows × ${features.length} features = ${(rows.length - 1) * features.length} numbers; ` +
      `inline data may hold at most ${MAX_NUMBERS}`);
  }
  const x = [], names = [];
  for (let i = 1; i < rows.length; ++i) {
    const row = rows[i];
    const line = i + 1;   // the file's row: the header is row 1
    if (row.length !== header.length) {
      throw new CsvError(`${where(line, null)}: ${row.length} fields, but the header has ${header.length}`, { row: line });
    }
    const xs = [];
    for (let j = 0; j < row.length; ++j) {
      const cell = String(row[j]).trim();
      if (j === labelAt) {
        if (!cell) throw new CsvError(`${where(line, header[j])}: the label is empty`, { row: line, column: header[j] });
        names.push(cell);
        continue;
      }
      const v = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(v) || Math.abs(v) > 3.4e38) {
        const why = cell === '' ? 'is empty' : /^[+-]?(nan|inf(inity)?)$/i.test(cell) ? `is ${cell}, not a finite number` : `"${cell}" is not a number`;
        throw new CsvError(`${where(line, header[j])}: ${why}`, { row: line, column: header[j] });
      }
      xs.push(v);
    }
    x.push(xs);
  }
  const distinct = [...new Set(names)];
  const numeric = distinct.every((n) => Number.isFinite(Number(n)));
  if (kind === 'regression' || (kind === 'auto' && numeric && distinct.length > MAX_CLASSES)) {
    const targets = names.map((n, i) => {
      const v = Number(n);
      if (!Number.isFinite(v) || Math.abs(v) > 3.4e38) {
        throw new CsvError(`${where(i + 2, header[labelAt])}: "${n}" is not a number (a regression target must be a finite number)`,
          { row: i + 2, column: header[labelAt] });
      }
      return v;
    });
    if (distinct.length < 2) {
      throw new CsvError(`column "${header[labelAt]}" has one value only (${distinct[0]}); a regression target must vary`,
        { column: header[labelAt] });
    }
    return { kind: 'regression', x, targets, classNames: [], features, label: header[labelAt] };
  }
  distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
  if (distinct.length < 2) {
    throw new CsvError(`column "${header[labelAt]}" has one class only (${distinct[0]}); a classifier needs at least 2 classes`,
      { column: header[labelAt] });
  }
  if (distinct.length > MAX_CLASSES) {
    throw new CsvError(`column "${header[labelAt]}" has ${distinct.length} different values; the lab classifies into at most ` +
      `${MAX_CLASSES} classes${numeric ? '' : ' (a regression target must be numeric)'}`, { column: header[labelAt] });
  }
  const index = new Map(distinct.map((n, k) => [n, k]));
  return { kind: 'classes', x, y: names.map((n) => index.get(n)), classNames: distinct, features, label: header[labelAt] };
}
