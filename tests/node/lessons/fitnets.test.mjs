// Claim of lessons/fitnets.json (FitNets: hint, then knowledge distillation; Romero et al. 2015).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

test('fitnets: teacher ≥ 90% test accuracy, the hint loss halves, the distilled student is within 5 points of the teacher', () => {
  const { racers } = runLesson('fitnets');
  assert.equal(racers.length, 1);
  const { rows, summary } = racers[0];
  const stage = (k) => rows.filter((r) => r.stage === k);
  const teacher = stage(0).at(-1), hint = stage(1), student = last(racers[0]);
  assert.ok(teacher.test_acc >= 0.9, `teacher test accuracy ${teacher.test_acc}`);
  // The hint stage's first logged row is after its first 50 steps; its objective is the L2 hint loss.
  assert.ok(hint.at(-1).stage_loss < 0.5 * hint[0].stage_loss, `hint loss ${hint[0].stage_loss} → ${hint.at(-1).stage_loss}`);
  assert.equal(student.stage, 2);
  assert.ok(student.test_acc >= teacher.test_acc - 0.05, `student ${student.test_acc} vs teacher ${teacher.test_acc}`);
  assert.deepEqual(summary.stages.map((s) => s.kind), ['teacher', 'hint', 'distill']);
  assert.equal(summary.parameters, 165);  // the text's count; the teacher has 2·64 + 64 + 64·64 + 64 + 64·3 + 3 = 4547
});
