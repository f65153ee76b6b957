// The two losses of FitNets (Romero et al. 2015, "FitNets: Hints for Thin Deep Nets"), used by
// staged training (run/stages.hpp):
//
//   hint_loss          FitNets eq. (3), the hint-based training of the student's lower part:
//                      r (B, D) regressor outputs, t (B, D) the teacher's hint-layer outputs
//                        L = (1/B) Σ_b ½‖r_b − t_b‖²        dL/dr = (r − t)/B
//                      = 0.5 * ((r - t)**2).sum(1).mean() in PyTorch
//
//   distillation_loss  knowledge distillation (Hinton, Vinyals & Dean 2015, "Distilling the
//                      Knowledge in a Neural Network"), FitNets' second stage: z (B, K) student
//                      logits, t (B, K) teacher logits, temperature T > 0, soft-target weight α:
//                        L = (1 − α)·(1/B) Σ_b H(onehot(y_b), softmax(z_b))
//                          +   α·T²·(1/B) Σ_b KL(softmax(t_b/T) ‖ softmax(z_b/T))
//                        dL/dz = [(1 − α)(softmax(z) − onehot(y)) + α·T·(softmax(z/T) − softmax(t/T))]/B
//                      Hinton et al. take "a weighted average of the two objective functions" and
//                      multiply the soft term by T² so that its gradients keep their size as T
//                      changes. KL differs from their cross-entropy H(p_t, p_s) by the teacher's
//                      entropy, a constant: the gradients are the same and L = 0 when the student
//                      matches the teacher and the labels. In PyTorch:
//                        (1-α)*F.cross_entropy(z, y) + α*T*T*F.kl_div(F.log_softmax(z/T, 1),
//                                                                     F.softmax(t/T, 1), reduction='batchmean')
//                      FitNets' eq. (2), H(y, P_S) + λ·H(P_T^τ, P_S^τ), is the same objective up to
//                      a constant factor with λ = α·T²/(1 − α).
// Sums run in double with the portable exp/log (math/portable_math.hpp): native = wasm bit for bit.
#pragma once

#include "math/types.hpp"
#include "nn/loss.hpp"

namespace optlab {

// Mean hint loss over the batch; writes dr (B, D) when non-null.
double hint_loss(ConstMatRef r, ConstMatRef t, float* dr);

// Distillation loss; labels: B class indices; writes dz (B, K) when non-null. LossResult.correct
// counts the student's argmax equal to the label.
LossResult distillation_loss(ConstMatRef z, ConstMatRef t, const int* labels, double temperature, double alpha,
                             float* dz);

}  // namespace optlab
