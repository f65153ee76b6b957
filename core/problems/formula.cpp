#include "problems/formula.hpp"

#include <cmath>
#include <limits>
#include <list>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "math/portable_math.hpp"

namespace optlab {

const std::vector<std::string>& formula_functions() {
  static const std::vector<std::string> names = {"sin", "cos", "tan", "sec", "exp", "log",
                                                 "sqrt", "abs", "sinh", "cosh", "tanh", "sech"};
  return names;
}

FormulaProgram::FormulaProgram(const std::vector<FormulaToken>& postfix) {
  if (postfix.empty()) throw std::invalid_argument("the program is empty");
  if (postfix.size() > kMaxFormulaProgram)
    throw std::invalid_argument("the program has " + std::to_string(postfix.size()) + " items; at most " +
                                std::to_string(kMaxFormulaProgram));
  static const std::pair<const char*, Op> unary[] = {
      {"neg", Op::Neg},   {"sin", Op::Sin},   {"cos", Op::Cos},   {"tan", Op::Tan},
      {"sec", Op::Sec},   {"exp", Op::Exp},   {"log", Op::Log},   {"sqrt", Op::Sqrt},
      {"abs", Op::Abs},   {"sinh", Op::Sinh}, {"cosh", Op::Cosh}, {"tanh", Op::Tanh},
      {"sech", Op::Sech}};
  static const std::pair<const char*, Op> binary[] = {
      {"+", Op::Add}, {"-", Op::Sub}, {"*", Op::Mul}, {"/", Op::Div}, {"^", Op::Pow}};
  code_.reserve(postfix.size());
  std::size_t depth = 0;
  for (std::size_t i = 0; i < postfix.size(); ++i) {
    const FormulaToken& t = postfix[i];
    const std::string where = "item " + std::to_string(i);
    if (t.is_number) {
      if (!std::isfinite(t.number)) throw std::invalid_argument(where + ": a constant must be finite");
      code_.push_back({Op::Const, t.number});
      depth_ = std::max(depth_, ++depth);
      continue;
    }
    if (t.name == "x" || t.name == "y") {
      code_.push_back({t.name == "x" ? Op::X : Op::Y, 0.0});
      depth_ = std::max(depth_, ++depth);
      continue;
    }
    bool found = false;
    for (const auto& [name, op] : unary) {
      if (t.name != name) continue;
      if (depth < 1) throw std::invalid_argument(where + " ('" + t.name + "') has no argument");
      code_.push_back({op, 0.0});
      found = true;
      break;
    }
    for (const auto& [name, op] : binary) {
      if (found || t.name != name) continue;
      if (depth < 2) throw std::invalid_argument(where + " ('" + t.name + "') needs two arguments");
      --depth;
      const Instr& last = code_.back();
      const double n = last.value;
      if (op == Op::Pow && last.op == Op::Const && n == std::floor(n) && std::fabs(n) <= 64.0) {
        code_.back() = {Op::PowInt, n};  // the exponent leaves the stack: x^n by multiplication
      } else {
        code_.push_back({op, 0.0});
      }
      found = true;
    }
    if (!found) throw std::invalid_argument(where + " ('" + t.name + "') is not a known name");
  }
  if (depth != 1)
    throw std::invalid_argument("the program leaves " + std::to_string(depth) + " values instead of one");
}

namespace {

// x^n for an integer n (|n| ≤ 64) by left-to-right multiplication, the way hand-written surfaces
// compute yⁱ (so a typed formula reproduces a built-in surface to the last bit where it can).
double pow_int(double x, int n) {
  if (n == 0) return 1.0;
  const int m = n < 0 ? -n : n;
  double r = x;
  for (int k = 1; k < m; ++k) r *= x;
  return n < 0 ? 1.0 / r : r;
}

}  // namespace

double FormulaProgram::eval(double x, double y, double* stack) const {
  std::size_t top = 0;  // number of values on the stack
  for (const Instr& in : code_) {
    switch (in.op) {
      case Op::Const: stack[top++] = in.value; continue;
      case Op::X: stack[top++] = x; continue;
      case Op::Y: stack[top++] = y; continue;
      case Op::Add: stack[top - 2] += stack[top - 1]; --top; continue;
      case Op::Sub: stack[top - 2] -= stack[top - 1]; --top; continue;
      case Op::Mul: stack[top - 2] *= stack[top - 1]; --top; continue;
      case Op::Div: stack[top - 2] /= stack[top - 1]; --top; continue;
      case Op::Pow: stack[top - 2] = portable::pow(stack[top - 2], stack[top - 1]); --top; continue;
      default: break;
    }
    double& a = stack[top - 1];  // a unary op: the constructor checked that top ≥ 1
    switch (in.op) {
      case Op::PowInt: a = pow_int(a, static_cast<int>(in.value)); break;
      case Op::Neg: a = -a; break;
      case Op::Sin: a = portable::sin(a); break;
      case Op::Cos: a = portable::cos(a); break;
      case Op::Tan: a = portable::sin(a) / portable::cos(a); break;
      case Op::Sec: a = 1.0 / portable::cos(a); break;
      case Op::Exp: a = portable::exp(a); break;
      case Op::Log: a = portable::log(a); break;
      case Op::Sqrt: a = std::sqrt(a); break;  // correctly rounded (IEEE 754) everywhere
      case Op::Abs: a = std::fabs(a); break;
      case Op::Sinh: a = 0.5 * (portable::expm1(a) - portable::expm1(-a)); break;
      case Op::Cosh: a = portable::cosh(a); break;
      case Op::Tanh: a = portable::tanh(a); break;
      case Op::Sech: a = 1.0 / portable::cosh(a); break;
      default: break;  // pushes and binary ops were handled above
    }
  }
  return stack[0];
}

namespace {

class FormulaSurface final : public Surface {
 public:
  FormulaSurface(std::shared_ptr<const FormulaPrograms> p, std::vector<double> view) : Surface(2), p_(std::move(p)) {
    std::size_t depth = p_->f.stack_depth();
    for (const FormulaProgram& g : p_->gradient) depth = std::max(depth, g.stack_depth());
    for (const FormulaProgram& h : p_->hessian) depth = std::max(depth, h.stack_depth());
    stack_.assign(depth, 0.0);
    start_ = VecD::Zero(2);
    minimum_ = std::numeric_limits<double>::quiet_NaN();  // not known in closed form
    view_ = std::move(view);
  }
  const char* name() const override { return "formula"; }
  double eval(const double* p, double* g) const override {
    double* s = stack_.data();
    if (g) {
      g[0] = p_->gradient[0].eval(p[0], p[1], s);
      g[1] = p_->gradient[1].eval(p[0], p[1], s);
    }
    return p_->f.eval(p[0], p[1], s);
  }
  void eval_hessian(const double* p, MatD& h) const override {
    double* s = stack_.data();
    h(0, 0) = p_->hessian[0].eval(p[0], p[1], s);
    h(0, 1) = h(1, 0) = p_->hessian[1].eval(p[0], p[1], s);
    h(1, 1) = p_->hessian[2].eval(p[0], p[1], s);
  }

 private:
  std::shared_ptr<const FormulaPrograms> p_;
  mutable std::vector<double> stack_;  // sized once; a surface is used by one run at a time
};

constexpr std::size_t kRegistrySize = 64;

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

// Most recently registered first.
std::list<std::pair<std::string, std::shared_ptr<const FormulaPrograms>>>& registry() {
  static std::list<std::pair<std::string, std::shared_ptr<const FormulaPrograms>>> r;
  return r;
}

}  // namespace

void register_formula(const std::string& text, FormulaPrograms programs) {
  auto p = std::make_shared<const FormulaPrograms>(std::move(programs));
  std::lock_guard<std::mutex> lock(registry_mutex());
  auto& r = registry();
  for (auto it = r.begin(); it != r.end(); ++it) {
    if (it->first == text) {
      r.erase(it);
      break;
    }
  }
  r.emplace_front(text, std::move(p));
  if (r.size() > kRegistrySize) r.pop_back();
}

std::shared_ptr<const FormulaPrograms> find_formula(const std::string& text) {
  std::lock_guard<std::mutex> lock(registry_mutex());
  for (const auto& [t, p] : registry())
    if (t == text) return p;
  return nullptr;
}

std::unique_ptr<Surface> make_formula(std::shared_ptr<const FormulaPrograms> programs, std::vector<double> view_box) {
  return std::make_unique<FormulaSurface>(std::move(programs), std::move(view_box));
}

}  // namespace optlab
