// A test surface typed as a formula f(x, y): "problem": {"name": "formula", "f": "…", "x0": [x, y]}.
//
// Parsing and symbolic differentiation are not done here: the JavaScript runners (the page and
// `npm run -s optlab`) parse f with math.js, differentiate it symbolically (math.js's derivative(),
// exact — not finite differences) into ∂f/∂x, ∂f/∂y and the three distinct second derivatives, and
// hand the core each expression as a postfix program (wasm/formula.js). The core only evaluates
// those programs, with the portable elementary functions (math/portable_math.hpp), so a formula
// surface gives bit-identical numbers in the page, the Node runner and any later native caller.
// The native runner has no expression parser: it rejects a formula whose programs were never
// registered (see register_formula) with a message that says to use the Node runner.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "problems/surface.hpp"

namespace optlab {

// One item of a postfix program: a number, or a name — a variable ("x", "y"), a binary operator
// ("+", "-", "*", "/", "^"), "neg", or a function of one argument (formula_functions()).
struct FormulaToken {
  bool is_number = false;
  double number = 0.0;
  std::string name;
};

// A postfix program over x and y, checked when it is built: every name is known and the stack
// never underflows and ends with exactly one value. "^" whose exponent is an integer constant with
// |n| ≤ 64 becomes repeated multiplication (x^2 is x·x, exactly as hand-written gradients compute
// it); any other power is portable::pow.
class FormulaProgram {
 public:
  FormulaProgram() = default;
  // Throws std::invalid_argument naming the bad token (its index) when the program is malformed.
  explicit FormulaProgram(const std::vector<FormulaToken>& postfix);

  // The value at (x, y). `stack` has room for stack_depth() doubles (no allocation here).
  double eval(double x, double y, double* stack) const;
  std::size_t stack_depth() const { return depth_; }
  std::size_t size() const { return code_.size(); }

 private:
  enum class Op : std::uint8_t {
    Const, X, Y, Add, Sub, Mul, Div, Neg, Pow, PowInt,
    Sin, Cos, Tan, Sec, Exp, Log, Sqrt, Abs, Sinh, Cosh, Tanh, Sech
  };
  struct Instr {
    Op op;
    double value;  // Const: the number; PowInt: the integer exponent
  };
  std::vector<Instr> code_;
  std::size_t depth_ = 0;
};

// f, its gradient (∂f/∂x, ∂f/∂y) and its Hessian's distinct entries (∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²).
struct FormulaPrograms {
  FormulaProgram f;
  std::array<FormulaProgram, 2> gradient;
  std::array<FormulaProgram, 3> hessian;
};

// The functions a formula may use (in the order the messages list them).
const std::vector<std::string>& formula_functions();

// Most items in one program (f or one of its derivatives) and most characters in f's text.
constexpr std::size_t kMaxFormulaProgram = 20000;
constexpr std::size_t kMaxFormulaText = 1000;

// The registry through which the JavaScript runners hand the core a formula's programs before they
// pass the spec: keyed by f's exact text. It keeps the 64 most recently registered formulas.
void register_formula(const std::string& text, FormulaPrograms programs);
// The programs registered for `text`, or null (never registered, e.g. in the native runner).
std::shared_ptr<const FormulaPrograms> find_formula(const std::string& text);

// The surface: f on R², its analytic gradient and Hessian from the programs. x0 defaults to (0, 0)
// and the view box to [−5, 5]²; no minimizer, saddle point or minimum is known (minimum() is NaN).
// view_box: xmin < xmax, ymin < ymax (checked by the spec reader).
std::unique_ptr<Surface> make_formula(std::shared_ptr<const FormulaPrograms> programs, std::vector<double> view_box);

}  // namespace optlab
