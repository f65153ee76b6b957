// Problems whose variables split into blocks that can each be minimized exactly with the others
// held fixed — the lecture's sparse-coding example J(H, W) = λΣ|H| + ‖X − WᵀH‖², nonconvex
// jointly but convex in H alone and in W alone. Coordinate descent (coordinate_descent.hpp) uses
// this interface when the objective offers it (block coordinate descent, §8.7.2).
#pragma once

namespace optlab {

class BlockCoordinateProblem {
 public:
  virtual ~BlockCoordinateProblem() = default;
  virtual int block_count() const = 0;
  virtual const char* block_name(int b) const = 0;
  // Replaces block b of x by a minimizer of f over that block (the other blocks fixed). Never
  // increases f and never allocates.
  virtual void minimize_block(int b, double* x) = 0;
};

}  // namespace optlab
