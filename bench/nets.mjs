// The two networks of the training comparison (issue 7), shared by bench/run.mjs and bench/tfjs.mjs.
// bench/native/train_bench.cpp builds the same ones in C++.
export const NETS = {
  mlp: {
    title: 'MLP 784-128-64-10, ReLU, softmax cross-entropy, batch 64',
    sizes: [784, 128, 64, 10],
    activation: 'relu',
    loss: 'softmax_cross_entropy',
    batch: 64,
    examples: 4096,
  },
  tiny: {
    title: 'Playground net 2-16-16-1, tanh, squared error, batch 10',
    sizes: [2, 16, 16, 1],
    activation: 'tanh',
    loss: 'mean_squared_error',
    batch: 10,
    examples: 800,
  },
};

// Floating-point operations of one training step's matrix products, counting 2·m·n·k per product:
// forward X·Wᵀ for every dense layer, backward dW = dYᵀ·X for every layer and dX = dY·W for every
// layer but the first (the input needs no gradient). Elementwise work (bias, activations, loss,
// optimizer update) is not counted, so GFLOP/s understates the work done, equally for everyone.
export function flopsPerStep(net) {
  const { sizes, batch } = net;
  let flops = 0;
  for (let l = 0; l + 1 < sizes.length; ++l) {
    const mnk = batch * sizes[l] * sizes[l + 1];
    flops += 2 * mnk * (l === 0 ? 2 : 3);
  }
  return flops;
}
