// Interface text in English and Japanese (the course is taught in Japan). Static text in
// index.html carries data-i18n="key" (textContent) or data-i18n-attr="attr:key,attr:key"; the
// page's own messages call t(key, ...args). Numbers, field names and the validator's messages stay
// as they are (they name spec fields, which are the same in every language).
export const LANGS = ['en', 'ja'];

const en = {
  title: 'optlab — optimization for training deep models',
  subtitle: '· optimizer races (Deep Learning, ch. 8)',
  runControls: 'Run controls',
  play: 'Play', pause: 'Pause', step: 'Step', reset: 'Reset',
  stepTitle: 'One optimizer step (→)', resetTitle: 'Start again from the same seed',
  speed: 'Speed', speedFull: 'full speed', speedWatch: 'watch (300 steps/s)', speedSlow: 'slow motion (30 steps/s)',
  hint: 'Space: play/pause · →: step',
  language: 'Language',
  experiment: 'Experiment',
  problemLegend: 'Problem', problemKind: 'Kind', kindNetwork: 'network on a dataset', kindSurface: '2-D test surface',
  surface: 'Surface', startX: 'Start x', startY: 'Start y',
  formulaLabel: 'f(x, y) =', formulaGradient: 'exact gradient (math.js): ∂f/∂x = {0},  ∂f/∂y = {1}',
  formulaHelp: 'x and y, numbers, + - * / ^ ( ), pi, e, sin cos tan sec exp log sqrt abs sinh cosh tanh sech',
  formulaLoading: 'loading the formula parser (math.js)…',
  data: 'Data', dataset: 'Dataset', classes: 'Classes', noise: 'Noise',
  network: 'Network', hiddenLayers: 'Hidden layers', units: 'Units per layer', activation: 'Activation',
  racers: 'Racers', racer: 'Racer', method: 'Method', addRacer: 'Add an optimizer', removeRacer: 'Remove',
  removeRacerLabel: 'Remove racer {0}', showHeatmap: 'Show its decision regions',
  run: 'Run', batch: 'Batch size', steps: 'Steps', seed: 'Seed',
  training: 'Training',
  kStep: 'step', kEpoch: 'epoch', kTrainLoss: 'train loss', kTestLoss: 'test loss', kTestAcc: 'test accuracy', kRate: 'steps/s',
  loading: 'loading…', stTraining: 'training…', stPaused: 'paused', stReady: 'ready — press Play', stFinished: 'finished', stDiverged: 'diverged',
  heatmapLabel: 'Decision boundary with training (filled) and test (ringed) points',
  heatmapCaption: 'Decision regions of {0} · filled dots: training set, rings: test set',
  contourLabel: 'Contour map of the surface with each racer’s trajectory; click to set the start point',
  contourCaption: 'Contours of f (log-spaced levels) · click: start point · hover: gradient',
  lossCaption: 'Loss ({0}, log scale) against step · solid: training set, dashed: test set',
  timeCaption: 'Training loss against wall-clock time spent in the optimizer’s steps (ms)',
  accCaption: 'Test accuracy against step',
  kTestWithin: 'test within ±0.04',
  accCaptionWithin: 'Share of test examples whose output is within 0.04 of their (standardized) target, against step — regression targets have no classes, so no accuracy',
  gradCaption: 'Gradient norm ‖g‖ against step (log scale)',
  // rnn: trace.hidden_grad (web/views/rnn-gradients.js)
  rnnGradCaption: 'Gradient reaching each step of the sequence, ‖∂L/∂hₜ‖ against t (log scale): solid now, dashed at the initial weights (§8.2.5)',
  axisSeqStep: 'time step t',
  evalCaption: 'f(θ) − f* against function evaluations (log scale)',
  axisLoss: 'loss', axisEvals: 'evaluations',
  lrCaption: 'Learning rate ε against step', valueCaption: 'f(θ) − f* against step (log scale)',
  updateRule: 'Update rule',
  commonOptions: 'Schedule & regularization',
  avgCaption: ' · dotted: test loss of the averaged parameters',
  specLabel: 'Experiment spec (JSON) — the same spec runs in the command-line runners; the page URL carries it',
  apply: 'Apply', copyLink: 'Copy link', copyEmbed: 'Copy embed code', linkCopied: 'Link copied', embedCopied: 'Embed code copied',
  copyFailed: 'Copy by hand (below)', exportCsv: 'Curves as CSV', exportJson: 'Curves as JSON', exportPng: 'Plots as PNG',
  exportLabel: 'Export',
  notApplied: 'Not applied — {0}',
  divergedMsg: 'Training stopped — {0}. Lower the learning rate (that starts a new run) or Reset.',
  racerDiverged: '{0} diverged — {1}',
  racerFailed: '{0} stopped with an error — {1} (the other racers go on)',
  workerFailed: 'The training worker failed: {0}',
  notInBuild: ' (not in this build yet)',
  gradientAt: 'at ({0}, {1}): f = {2}, ∇f = ({3}, {4})',
  maxRacers: 'At most 8 optimizers race at once.',
  surfacesMissing: 'This build cannot evaluate test surfaces yet.',
  progress: 'Progress',
  embedTitle: 'optlab experiment',
  stBusy: 'training… (a step takes a while)',
  fCaption: 'f(θ) against step (f is unbounded below: nothing to subtract)',
  evalCaptionF: 'f(θ) against function evaluations',
  noContour: ' ({0}-D: no contour view)',
  copyManual: 'Copying is not allowed here: the text is selected below — press Ctrl+C (⌘C) to copy it.',
  close: 'Close',
  embedAutoplay: 'plays by itself when opened (link and embed code)',
  exactValue: 'exact value',
  // The chapter tour (web/panels/tour-panel.js; helper lessons)
  tourLabel: 'Chapter tour', tourName: 'Chapter tour', tourPrev: '← Previous', tourNext: 'Next →',
  tourChoose: '— choose a lesson —', tourClaim: 'Claim of this run:',
  nanNote: ' (NaN and Infinity are not numbers in JSON)',
  lessonMissing: 'lesson: no lesson "{0}" ({1})', lessonBadId: 'lesson: "{0}" is not a lesson id',
  lessonLeft: 'Your changes to the lesson “{0}” were left; the browser’s Back returns to them.',
  // loss landscapes (views/landscape.js; helper landscape)
  landscapeLineCaption: 'Loss along the line (1 − α)θ₀ + αθ₁ from the initial to the final parameters (dots: α = 0 and 1)',
  landscapePlaneCaption: 'Loss on θ₁ + aδ + bη, δ and η random filter-normalized directions · line: the run projected',
  landscapePlaneLabel: 'Loss on a random plane through the final parameters',
  landscapeWaiting: 'The landscape is computed when the run finishes.',
  landscapeOffPlane: 'The plane misses {0}% of the path (median distance off the plane, relative).',
  // ---- issue 14 (helper data): digits views, your own data
  seqSamples: 'Test sequences (label)',
  seqNoteValues: 'Each sequence as the network reads it: the first feature at step t = 1 … {0} (shown: the first steps and the last); marked steps highlighted.',
  seqNote: 'Each sequence as the network reads it: the symbol at step t = 1 … {0} (shown: the first steps and the last). The marked step 1 holds the label, which the network must still recall after {1} steps; the other steps are random distractors.',
  digitSamples: 'Test examples (label)', confusionTitle: 'Confusion matrix of the test set (rows: true class, columns: predicted)',
  misclassified: 'Misclassified test examples (true→predicted)', trueVsPredicted: 'true \\ predicted',
  digitsCaption: 'Test set: examples, confusion matrix and misclassified examples (inputs that are not 2-D have no decision map)',
  testSetOf: '{0} · predictions of {1}',
  regressionCaption: 'Test set: examples (real-valued targets, regression: no classes, so no decision map or confusion matrix; the loss is the mean squared error)',
  regSamples: 'Test examples: target y → the network’s prediction ŷ',
  yourData: 'Your data (CSV, drawing)', csvText: 'CSV text', csvOpen: 'Open a CSV file', csvLabel: 'Label column',
  csvBatchClamped: 'Batch size {0} is more than the {1} training rows: it is now {1} (the whole training split).',
  csvKind: 'It holds', csvKindAuto: 'classes or a number (auto)', csvKindClasses: 'classes', csvKindRegression: 'a regression target',
  csvAcceptedRegression: '{0} rows, {1} features, regression target "{2}" (mean squared error on one output); features and target standardized with the training split’s statistics.',
  csvUse: 'Train on this data', drawPoints: 'Draw points', drawClassHint: 'Draw class {0} (key {0})',
  csvRejected: 'Data not used: {0}. The running experiment continues.',
  csvAccepted: '{0} rows, {1} features, {2} classes from column "{3}" ({4}); features standardized with the training split’s statistics.',
  drawNeeds2d: 'Points can be drawn on 2-D data only (the decision map).',
  drawAdded: '{0} points; the run restarts on them.',
  // issue 12 (race-page): compare by, labels of racers, change without reset
  compareBy: 'Compare by', compareNone: '— (the racers below)',
  compare_batch_size: 'batch size m: 1 / 16 / full batch', compare_init: 'initialization: N(0, 1) / Glorot / He / LeCun',
  compare_norm: 'normalization: none / batch / group / layer', compare_lr: 'learning rate ε: ε/10, ε, 10ε',
  compare_shuffle: 'shuffling: on / off', compare_optimizer: 'optimizer: SGD / momentum / RMSProp / Adam',
  fullBatch: 'full batch', shuffleOn: 'shuffled', shuffleOff: 'not shuffled',
  normNone: 'no norm', normBatch: 'batch norm', normGroup: 'group norm', normLayer: 'layer norm', normInstance: 'instance norm',
  differs: 'differs from the base: {0}',
  changeApplied: 'Changed without reset: {0} from step {1} for {2} (the optimizer keeps its state)',
  restarted: 'Restarted from step 0: {0} changes the model (only learning rate, schedule, momentum, β, ε, weight decay, clipping and batch size change mid-run)',
  newRunAfterEnd: 'The run had finished: the new {0} applies to a new run from step 0 — press Play',
  // replay (sixth session): recorded changes in the racer panel; the divergence's likely cause
  racerChanges: 'changes: {0} (the fields show the values at the current step)', changeAt: '{0} at step {1}',
  explodingCause: 'likely cause: exploding gradients — the recurrent layer multiplies the gradient by its weight matrix at every time step (§8.2.5) and no clipping bounds it',
  divergedExplodingMsg: 'Training stopped — {0}; {1}. Set “clip gradient norm” c under “Schedule & regularization” (§10.11.1; that starts a new run) or Reset.',
  racerDivergedExploding: '{0} diverged — {1}; {2}: set “clip gradient norm” c (§10.11.1)',
  // changes-ux (seventh session): a racer that stopped, one message per change, removing changes
  noClipping: 'no clipping', titleWithChanges: '{0}; {1}', changeFrom: '{0} from step {1}',
  stopDiverged: 'diverged at step {0} and stopped', stopFailed: 'stopped at step {0} with an error', stopFinished: 'finished at step {0}',
  racerStopped: '{0} — a change to this racer needs a restart of the race from step 0',
  changeNeedsRestart: '{0} {1}: {2} cannot apply to it mid-run (the other racers play on). Restarting the race runs it with {2} from step 0.',
  restartWith: 'Restart with {0}',
  restartedWith: 'Restarted from step 0 with {0} for {1}',
  changeSkipped: ' — not {0}: it has stopped',
  changeReplaced: 'Changed: {0} from step {1} for {2}. It replaces the recorded change {3}, so the race was replayed from step 0 to step {1} with it.',
  changeRemoved: 'Removed the change {0} of {1}; the race was replayed to step {2} without it.',
  changesCleared: 'Removed every recorded change; the race was replayed to step {0} without them.',
  changeRemovedAtStart: 'Removed the change {0} of {1}.', changesClearedAtStart: 'Removed every recorded change.',
  removeChange: 'Remove the change {0}', clearChanges: 'Remove all changes',
};

const ja = {
  title: 'optlab — 深層モデルの訓練のための最適化',
  subtitle: '· 最適化手法の競争（深層学習 第8章）',
  runControls: '実行の操作',
  play: '再生', pause: '一時停止', step: '1ステップ', reset: 'リセット',
  stepTitle: '最適化を1ステップ進める (→)', resetTitle: '同じシードで最初からやり直す',
  speed: '速度', speedFull: '最高速', speedWatch: '観察 (300 ステップ/秒)', speedSlow: 'スロー (30 ステップ/秒)',
  hint: 'スペース: 再生/一時停止 · →: 1ステップ',
  language: '言語',
  experiment: '実験',
  problemLegend: '問題', problemKind: '種類', kindNetwork: 'データセット上のネットワーク', kindSurface: '2次元テスト関数',
  surface: '関数', startX: '初期点 x', startY: '初期点 y',
  formulaLabel: 'f(x, y) =', formulaGradient: '厳密な勾配 (math.js): ∂f/∂x = {0},  ∂f/∂y = {1}',
  formulaHelp: '使えるもの: x と y、数、+ - * / ^ ( )、pi、e、sin cos tan sec exp log sqrt abs sinh cosh tanh sech',
  formulaLoading: '式の解析器 (math.js) を読み込んでいます…',
  data: 'データ', dataset: 'データセット', classes: 'クラス数', noise: 'ノイズ',
  network: 'ネットワーク', hiddenLayers: '隠れ層の数', units: '層のユニット数', activation: '活性化関数',
  racers: '競争する手法', racer: '手法', method: '手法', addRacer: '最適化手法を追加', removeRacer: '削除',
  removeRacerLabel: '手法 {0} を削除', showHeatmap: 'この手法の決定領域を表示',
  run: '実行', batch: 'ミニバッチの大きさ', steps: 'ステップ数', seed: 'シード',
  training: '訓練',
  kStep: 'ステップ', kEpoch: 'エポック', kTrainLoss: '訓練損失', kTestLoss: 'テスト損失', kTestAcc: 'テスト正解率', kRate: 'ステップ/秒',
  loading: '読み込み中…', stTraining: '訓練中…', stPaused: '一時停止中', stReady: '準備完了 — 再生を押してください', stFinished: '完了', stDiverged: '発散',
  heatmapLabel: '決定境界と訓練点（塗り）・テスト点（輪）',
  heatmapCaption: '{0} の決定領域 · 塗りの点: 訓練集合, 輪: テスト集合',
  contourLabel: '関数の等高線と各手法の軌跡。クリックで初期点を設定',
  contourCaption: 'f の等高線（対数間隔） · クリック: 初期点 · ホバー: 勾配',
  lossCaption: '損失（{0}、対数軸）対ステップ · 実線: 訓練集合, 破線: テスト集合',
  timeCaption: '訓練損失 対 最適化ステップに費やした実時間 (ms)',
  accCaption: 'テスト正解率 対ステップ',
  kTestWithin: 'テスト ±0.04 以内',
  accCaptionWithin: '出力が（標準化した）目標値から 0.04 以内のテスト例の割合 対ステップ — 回帰の目標値にはクラスがないので正解率はありません',
  gradCaption: '勾配のノルム ‖g‖ 対ステップ（対数軸）',
  // rnn: trace.hidden_grad (web/views/rnn-gradients.js)
  rnnGradCaption: '系列の各時刻に届く勾配 ‖∂L/∂hₜ‖ 対 t（対数軸）: 実線は現在、破線は初期重み（§8.2.5）',
  axisSeqStep: '時刻 t',
  evalCaption: 'f(θ) − f* 対 関数評価回数（対数軸）',
  axisLoss: '損失', axisEvals: '関数評価回数',
  lrCaption: '学習率 ε 対ステップ', valueCaption: 'f(θ) − f* 対ステップ（対数軸）',
  updateRule: '更新則',
  commonOptions: '学習率スケジュールと正則化',
  avgCaption: ' · 点線: 平均化したパラメータのテスト損失',
  specLabel: '実験の仕様 (JSON) — 同じ仕様がコマンドラインでも動きます。ページの URL が仕様を保持します',
  apply: '適用', copyLink: 'リンクをコピー', copyEmbed: '埋め込みコードをコピー', linkCopied: 'コピーしました', embedCopied: 'コピーしました',
  copyFailed: '下から手でコピーしてください', exportCsv: '曲線を CSV で', exportJson: '曲線を JSON で', exportPng: '図を PNG で',
  exportLabel: '書き出し',
  notApplied: '適用されませんでした — {0}',
  divergedMsg: '訓練を停止しました — {0}。学習率を下げる（新しい実行が始まります）かリセットしてください。',
  racerDiverged: '{0} が発散 — {1}',
  racerFailed: '{0} がエラーで停止 — {1}（他の走者は続行します）',
  workerFailed: '訓練用ワーカーが失敗しました: {0}',
  notInBuild: '（このビルドには未実装）',
  gradientAt: '({0}, {1}) で f = {2}, ∇f = ({3}, {4})',
  maxRacers: '同時に競争できるのは 8 手法までです。',
  surfacesMissing: 'このビルドはまだテスト関数を評価できません。',
  progress: '進捗',
  embedTitle: 'optlab 実験',
  stBusy: '訓練中…（1ステップに時間がかかっています）',
  fCaption: 'f(θ) 対ステップ（f は下に有界でないため最小値はありません）',
  evalCaptionF: 'f(θ) 対 関数評価回数',
  noContour: '（{0} 次元: 等高線なし）',
  copyManual: 'ここではコピーが許可されていません。下のテキストが選択されています — Ctrl+C (⌘C) でコピーしてください。',
  close: '閉じる',
  embedAutoplay: '開くと自動再生（リンクと埋め込みコード）',
  exactValue: '正確な値',
  // The chapter tour (web/panels/tour-panel.js; helper lessons)
  tourLabel: '章のツアー', tourName: '章のツアー', tourPrev: '← 前へ', tourNext: '次へ →',
  tourChoose: '— レッスンを選ぶ —', tourClaim: 'この実行で確かめる主張:',
  nanNote: '（NaN と Infinity は JSON の数ではありません）',
  lessonMissing: 'lesson: レッスン "{0}" がありません ({1})', lessonBadId: 'lesson: "{0}" はレッスンの id ではありません',
  lessonLeft: 'レッスン「{0}」への変更はそのまま残してあります。ブラウザの「戻る」で戻れます。',
  // 損失地形 (views/landscape.js)
  landscapeLineCaption: '初期パラメータから最終パラメータへの直線 (1 − α)θ₀ + αθ₁ 上の損失（点: α = 0 と 1）',
  landscapePlaneCaption: 'θ₁ + aδ + bη 上の損失（δ, η はフィルタ正規化したランダム方向）· 線: 学習の軌跡の射影',
  landscapePlaneLabel: '最終パラメータを通るランダムな平面上の損失',
  landscapeWaiting: '損失地形は学習の終了後に計算されます。',
  landscapeOffPlane: '軌跡のうち平面から外れる割合 {0}%（平面からの距離の中央値、相対値）。',
  // ---- issue 14 (helper data)
  seqSamples: 'テスト系列（ラベル）',
  seqNoteValues: 'ネットワークが読む形の系列: 時刻 t = 1 … {0} の最初の特徴量（最初の数ステップと最後のステップを表示）。印の付いたステップを強調表示。',
  seqNote: 'ネットワークが読む形の系列: 時刻 t = 1 … {0} の記号（最初の数ステップと最後のステップを表示）。印の付いたステップ 1 の記号がラベルで、ネットワークは {1} ステップ後にもそれを思い出さなければなりません。他のステップはランダムな妨害記号です。',
  digitSamples: 'テスト例（ラベル）', confusionTitle: 'テストセットの混同行列（行: 正解クラス、列: 予測）',
  misclassified: '誤分類されたテスト例（正解→予測）', trueVsPredicted: '正解 \\ 予測',
  digitsCaption: 'テストセット: 例、混同行列、誤分類例（2 次元でない入力には決定境界図がありません）',
  testSetOf: '{0} · {1} の予測',
  regressionCaption: 'テストセット: 例（目標値が実数の回帰: クラスがないため決定境界図も混同行列もありません。損失は平均二乗誤差です）',
  regSamples: 'テスト例: 目標値 y → ネットワークの予測 ŷ',
  yourData: '自分のデータ（CSV・描画）', csvText: 'CSV テキスト', csvOpen: 'CSV ファイルを開く', csvLabel: 'ラベル列',
  csvBatchClamped: 'バッチサイズ {0} は訓練データの {1} 行より大きいため、{1}（訓練分割全体）にしました。',
  csvKind: '列の中身', csvKindAuto: 'クラスか数（自動）', csvKindClasses: 'クラス', csvKindRegression: '回帰の目標値',
  csvAcceptedRegression: '{0} 行、特徴量 {1} 個、回帰の目標値「{2}」（出力1つの平均二乗誤差）。特徴量と目標値は訓練分割の統計量で標準化されます。',
  csvUse: 'このデータで学習', drawPoints: '点を描く', drawClassHint: 'クラス {0} を描く（キー {0}）',
  csvRejected: 'データは使われませんでした: {0}。実行中の実験は続きます。',
  csvAccepted: '{0} 行、特徴量 {1} 個、列「{3}」の {2} クラス（{4}）。特徴量は訓練分割の統計量で標準化されます。',
  drawNeeds2d: '点を描けるのは 2 次元データ（決定境界図）だけです。',
  drawAdded: '{0} 点。この点で実行をやり直します。',
  // issue 12 (race-page)
  compareBy: '比較する項目', compareNone: '—（下の走者どうし）',
  compare_batch_size: 'バッチサイズ m: 1 / 16 / フルバッチ', compare_init: '初期化: N(0, 1) / Glorot 初期化 / He 初期化 / LeCun 初期化（いずれも正規分布）',
  compare_norm: '正規化: なし / バッチ / グループ / レイヤー', compare_lr: '学習率 ε: ε/10, ε, 10ε',
  compare_shuffle: 'シャッフル: あり / なし', compare_optimizer: '最適化手法: SGD / モーメンタム / RMSProp / Adam',
  fullBatch: 'フルバッチ', shuffleOn: 'シャッフルあり', shuffleOff: 'シャッフルなし',
  normNone: '正規化なし', normBatch: 'バッチ正規化', normGroup: 'グループ正規化', normLayer: 'レイヤー正規化', normInstance: 'インスタンス正規化',
  differs: 'ベースとの違い: {0}',
  changeApplied: 'リセットせずに変更: ステップ {1} から {2} の {0}（最適化手法の状態は保持）',
  restarted: 'ステップ 0 から再開: {0} はモデルを変えます（学習率・スケジュール・モーメンタム・β・ε・重み減衰・クリッピング・バッチサイズだけが途中で変えられます）',
  newRunAfterEnd: '実行は終わっていました: 新しい {0} はステップ 0 からの新しい実行に使われます — 再生を押してください',
  // replay (sixth session)
  racerChanges: '途中の変更: {0}（各欄は現在のステップでの値を表示）', changeAt: 'ステップ {1} で {0}',
  explodingCause: '考えられる原因: 勾配爆発 — 再帰層は時刻ごとに勾配へ重み行列を掛け (§8.2.5)、それを抑えるクリッピングがありません',
  divergedExplodingMsg: '訓練を停止しました — {0}。{1}。「学習率スケジュールと正則化」で「勾配ノルムのクリップ」c を設定する (§10.11.1。新しい実行が始まります) かリセットしてください。',
  racerDivergedExploding: '{0} が発散 — {1}。{2}: 「勾配ノルムのクリップ」c を設定してください (§10.11.1)',
  // changes-ux (seventh session)
  noClipping: 'クリッピングなし', titleWithChanges: '{0}; {1}', changeFrom: 'ステップ {1} から {0}',
  stopDiverged: 'ステップ {0} で発散して停止', stopFailed: 'ステップ {0} でエラーにより停止', stopFinished: 'ステップ {0} で終了',
  racerStopped: '{0} — この走者を変更するには競争をステップ 0 からやり直す必要があります',
  changeNeedsRestart: '{0} は{1}しました: {2} は途中から適用できません（他の走者は続行します）。競争をやり直すと、{2} でステップ 0 から実行します。',
  restartWith: '{0} でやり直す',
  restartedWith: '{1} を {0} にしてステップ 0 から再開しました',
  changeSkipped: ' — {0} は停止しているので変更していません',
  changeReplaced: '変更: ステップ {1} から {2} の {0}。記録されていた変更 {3} を置き換えるため、競争をステップ 0 からステップ {1} まで再実行しました。',
  changeRemoved: '{1} の変更 {0} を削除し、それなしでステップ {2} まで再実行しました。',
  changesCleared: '記録された変更をすべて削除し、それなしでステップ {0} まで再実行しました。',
  changeRemovedAtStart: '{1} の変更 {0} を削除しました。', changesClearedAtStart: '記録された変更をすべて削除しました。',
  removeChange: '変更 {0} を削除', clearChanges: '変更をすべて削除',
};

// Hyperparameter names from the registry (web/registry.js titles), in Japanese.
const PARAM_JA = {
  'learning rate': '学習率', momentum: 'モーメンタム', 'first-moment decay': '1次モーメントの減衰率',
  'second-moment decay': '2次モーメントの減衰率', 'numerical stabilizer': '数値安定化の定数', 'decay rate': '減衰率',
  'decoupled weight decay': '分離型の重み減衰', 'step scale': 'ステップの倍率', 'damping (regularization)': 'ダンピング（正則化）',
  'memory (pairs kept)': '保持するペアの数', 'momentum decay': 'モーメンタムの減衰',
  'restart (β = 0) every k iterations; 0: only when not a descent direction': 'k 反復ごとにリスタート (β = 0)。0: 降下方向でないときのみ',
  'learning-rate schedule': '学習率のスケジュール', constant: '一定', linear: '線形減衰', step: '段階減衰', exponential: '指数減衰',
  cosine: 'コサイン', 'final learning rate': '最終の学習率', 'decay steps': '減衰のステップ数', 'steps between decays': '減衰の間隔（ステップ）',
  'decay factor': '減衰率', 'warm-up steps': 'ウォームアップのステップ数', 'warm-up start factor': 'ウォームアップの開始倍率',
  'parameter averaging': 'パラメータの平均化', none: 'なし', 'EMA decay': '指数移動平均の減衰率',
  'weight decay (L2)': '重み減衰 (L2)', 'clip gradient norm': '勾配ノルムのクリップ', 'clip gradient values': '勾配の値のクリップ',
};
export function paramTitle(title) { return current === 'ja' ? (PARAM_JA[title] ?? title) : title; }

const TABLES = { en, ja };

/** More keys from a feature's own table ({en: {...}, ja: {...}}, e.g. web/i18n-views.js); the
 *  completeness test checks every key of every table in both languages. */
export function addTexts(extra) {
  Object.assign(en, extra.en);
  Object.assign(ja, extra.ja);
}
/** Every key of a language's table (tests). */
export const keysOf = (l) => Object.keys(TABLES[l] ?? {});
let current = 'en';

export function setLang(lang) { current = LANGS.includes(lang) ? lang : 'en'; return current; }
export function lang() { return current; }

export function t(key, ...args) {
  const s = TABLES[current][key] ?? en[key] ?? key;
  return args.length ? s.replace(/\{(\d)\}/g, (m, i) => String(args[Number(i)] ?? '')) : s;
}

// Fills the static text of a document (textContent only: no markup is ever parsed from a table).
export function applyStatic(root = document) {
  for (const e of root.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of e.dataset.i18nAttr.split(',')) {
      const [attr, key] = pair.split(':');
      e.setAttribute(attr.trim(), t(key.trim()));
    }
  }
  if (root.documentElement) { root.documentElement.lang = current; root.title = t('title'); }
}
