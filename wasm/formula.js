// Formula surfaces: "problem": {"name": "formula", "f": "(1.5 - x + x*y)^2 + …", "x0": [1, 1]}.
//
// math.js (a pinned npm dependency) parses f and differentiates it symbolically — derivative(),
// exact, not finite differences — into ∂f/∂x, ∂f/∂y, ∂²f/∂x², ∂²f/∂x∂y and ∂²f/∂y². Each
// expression becomes a postfix program (numbers and names) that the core evaluates with its portable
// elementary functions (core/problems/formula.hpp), so the page and the Node runner, which both go
// through this file and the same wasm, give identical numbers. Errors point at the place in f:
// FormulaError.message quotes f with the offending character or name marked.
//
// In the page this module is loaded on first use (wasm/formula-loader.js: math.js is about 100 KB
// gzipped and only a formula needs it); import it through loadFormula() there.
import { create, parseDependencies, derivativeDependencies } from 'mathjs';
import { FormulaError } from './formula-loader.js';

const math = create({ parseDependencies, derivativeDependencies });

// What a formula may use; the core knows the same names (formula_functions() in formula.hpp).
// sec and sech appear because math.js writes the derivatives of tan and tanh with them.
export const FORMULA_FUNCTIONS = ['sin', 'cos', 'tan', 'sec', 'exp', 'log', 'sqrt', 'abs', 'sinh', 'cosh', 'tanh', 'sech'];
export const FORMULA_MAX_LENGTH = 1000;      // characters of f (kMaxFormulaText)
const MAX_PROGRAM = 20000;                   // items of one program (kMaxFormulaProgram)
const CONSTANTS = { pi: Math.PI, e: Math.E };
const BINARY = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' };
const ALLOWED = 'x and y, numbers, + - * / ^ ( ), pi, e and the functions ' + FORMULA_FUNCTIONS.join(', ');

// `f` with position i (0-based) marked: …x + ⟨*⟩ y…
function pointAt(f, i) {
  const at = Math.max(0, Math.min(i, f.length));
  const from = Math.max(0, at - 25), to = Math.min(f.length, at + 25);
  const ch = f.slice(at, at + 1) || ' ';
  return `${from > 0 ? '…' : ''}${f.slice(from, at)}⟨${ch}⟩${f.slice(at + 1, to)}${to < f.length ? '…' : ''}`;
}

// Where a name first appears in f as a whole identifier (math.js's nodes carry no positions).
function indexOfName(f, name) {
  const re = /[A-Za-z_][A-Za-z_0-9]*/g;
  for (let m; (m = re.exec(f));) if (m[0] === name) return m.index;
  return 0;
}

function fail(f, i, what) {
  throw new FormulaError(`${what} at character ${i + 1}: ${pointAt(f, i)}`);
}

// Rejects anything outside the small language above, naming the place.
function check(f, node) {
  node.traverse((n, path, parent) => {
    switch (n.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number' || !Number.isFinite(n.value))
          fail(f, f.indexOf(String(n.value)), `uses ${JSON.stringify(n.value)}, which is not a finite number`);
        break;
      case 'SymbolNode': {
        // The name of a function call is a SymbolNode too; FunctionNode checks it below.
        if (parent && parent.type === 'FunctionNode' && path === 'fn') break;
        if (n.name !== 'x' && n.name !== 'y' && !(n.name in CONSTANTS))
          fail(f, indexOfName(f, n.name), `uses the unknown name "${n.name}" (allowed: ${ALLOWED})`);
        break;
      }
      case 'FunctionNode': {
        const name = n.fn.name;
        if (!FORMULA_FUNCTIONS.includes(name))
          fail(f, indexOfName(f, name), `uses the unknown function "${name}" (allowed: ${ALLOWED})`);
        if (n.args.length !== 1)
          fail(f, indexOfName(f, name), `calls ${name} with ${n.args.length} arguments; it takes one`);
        break;
      }
      case 'OperatorNode':
        if (!(n.fn in BINARY) && n.fn !== 'unaryMinus' && n.fn !== 'unaryPlus')
          fail(f, Math.max(0, f.indexOf(n.op)), `uses the operator "${n.op}" (allowed: ${ALLOWED})`);
        break;
      case 'ParenthesisNode':
        break;
      default:
        fail(f, 0, `uses ${n.type.replace(/Node$/, '').toLowerCase()} syntax (allowed: ${ALLOWED})`);
    }
  });
}

// A math.js expression tree → postfix program. n-ary + and * (math.js may make them) fold left.
function postfix(node, out = []) {
  switch (node.type) {
    case 'ConstantNode': out.push(node.value); break;
    case 'SymbolNode': out.push(node.name in CONSTANTS ? CONSTANTS[node.name] : node.name); break;
    case 'ParenthesisNode': postfix(node.content, out); break;
    case 'FunctionNode':
      postfix(node.args[0], out);
      out.push(node.fn.name);
      break;
    case 'OperatorNode':
      if (node.fn === 'unaryPlus') postfix(node.args[0], out);
      else if (node.fn === 'unaryMinus') { postfix(node.args[0], out); out.push('neg'); }
      else {
        postfix(node.args[0], out);
        for (let i = 1; i < node.args.length; ++i) { postfix(node.args[i], out); out.push(BINARY[node.fn]); }
      }
      break;
    default:
      throw new FormulaError(`the derivative has ${node.type} syntax, which the core cannot evaluate`);
  }
  if (out.length > MAX_PROGRAM)
    throw new FormulaError(`its derivatives are too long to evaluate (more than ${MAX_PROGRAM} operations); write f more simply`);
  return out;
}

/**
 * Parses and differentiates formula f(x, y).
 * @param {string} f the formula, math.js syntax (see ALLOWED)
 * @returns {{f: Array, gradient: Array[], hessian: Array[], text: {gradient: string[], hessian: string[]}}}
 *   postfix programs for f, [∂f/∂x, ∂f/∂y] and [∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²], and the derivatives as text
 * @throws {FormulaError} when f is not a string, too long, does not parse or uses an unknown name
 */
export function compileFormula(f) {
  if (typeof f !== 'string') throw new FormulaError(`must be a string (a formula in x and y), got ${JSON.stringify(f)}`);
  if (f.trim() === '') throw new FormulaError('is empty: type f(x, y), for example (1 - x)^2 + 100*(y - x^2)^2');
  if (f.length > FORMULA_MAX_LENGTH) throw new FormulaError(`has ${f.length} characters; at most ${FORMULA_MAX_LENGTH}`);
  let tree;
  try {
    tree = math.parse(f);
  } catch (e) {
    // math.js: "Value expected (char 5)"; e.char is 1-based.
    const i = Number.isInteger(e.char) ? e.char - 1 : 0;
    fail(f, i, `does not parse (${e.message.replace(/\s*\(char \d+\)\s*$/, '').toLowerCase()})`);
  }
  check(f, tree);
  const d = (node, v) => {
    try {
      return math.derivative(node, v);
    } catch (e) {
      throw new FormulaError(`cannot be differentiated with respect to ${v}: ${e.message}`);
    }
  };
  const gx = d(tree, 'x'), gy = d(tree, 'y');
  const hessian = [d(gx, 'x'), d(gx, 'y'), d(gy, 'y')];
  return {
    f: postfix(tree),
    gradient: [postfix(gx), postfix(gy)],
    hessian: hessian.map((h) => postfix(h)),
    text: { gradient: [gx.toString(), gy.toString()], hessian: hessian.map((h) => h.toString()) },
  };
}
